using System.Collections.Generic;
using System.IO;
using UnityEditor;
using UnityEditor.SceneManagement;
using UnityEngine;
using UnityEngine.Rendering;

namespace ClonedPerson.Editor
{
    /// <summary>
    /// What a build (and an editor render) needs besides the scripts: the settings the player
    /// relies on, an empty scene to start in, every authored environment under Assets/Environments
    /// in the build's scene list (SceneManager loads them by name), and materials in Resources that
    /// keep glTFast's shader variants in the player (a shader found only by Shader.Find is stripped).
    /// </summary>
    public static class BuildPreparation
    {
        public const string PlayerScene = "Assets/ClonedPerson/Scenes/Player.unity";
        public const string EnvironmentsFolder = "Assets/Environments";
        public const string BundleAsset = "Assets/ClonedPerson/Resources/clonedperson-player.mjs";
        const string ShaderRefsFolder = "Assets/ClonedPerson/Resources/ClonedPersonShaderRefs";

        /// <summary>The glTFast shader variants MakeHuman characters use: opaque skin and clothes, cut-out or blended hair, brows and lashes, normal maps.</summary>
        static readonly string[][] GltfVariants =
        {
            new string[0],
            new[] { "_ALPHATEST_ON" },
            new[] { "_ALPHABLEND_ON" },
            new[] { "_NORMALMAP" },
            new[] { "_ALPHATEST_ON", "_NORMALMAP" },
            new[] { "_ALPHABLEND_ON", "_NORMALMAP" },
        };

        static readonly string[] GltfShaders = { "glTF/PbrMetallicRoughness", "glTF/Unlit" };

        /// <summary>Player settings: linear colour, Mono scripting (PuerTS without IL2CPP code generation), OpenGL Core on Linux, running unfocused.</summary>
        public static void ApplyPlayerSettings()
        {
            PlayerSettings.colorSpace = ColorSpace.Linear;
            PlayerSettings.runInBackground = true;
            PlayerSettings.SetScriptingBackend(BuildTargetGroup.Standalone, ScriptingImplementation.Mono2x);
            PlayerSettings.SetUseDefaultGraphicsAPIs(BuildTarget.StandaloneLinux64, false);
            PlayerSettings.SetGraphicsAPIs(BuildTarget.StandaloneLinux64, new[] { GraphicsDeviceType.OpenGLCore });
            PlayerSettings.fullScreenMode = FullScreenMode.Windowed;
            PlayerSettings.defaultScreenWidth = 640;
            PlayerSettings.defaultScreenHeight = 480;
        }

        /// <summary>Creates the empty start scene when it is missing; returns its path.</summary>
        public static string EnsurePlayerScene()
        {
            if (File.Exists(PlayerScene)) return PlayerScene;
            Directory.CreateDirectory(Path.GetDirectoryName(PlayerScene));
            var scene = EditorSceneManager.NewScene(NewSceneSetup.EmptyScene, NewSceneMode.Single);
            EditorSceneManager.SaveScene(scene, PlayerScene);
            return PlayerScene;
        }

        /// <summary>The start scene first, then every scene under Assets/Environments (sorted); also registered in the build settings.</summary>
        public static string[] RegisterScenes()
        {
            var scenes = new List<string> { EnsurePlayerScene() };
            if (AssetDatabase.IsValidFolder(EnvironmentsFolder))
            {
                var found = new List<string>();
                foreach (string guid in AssetDatabase.FindAssets("t:Scene", new[] { EnvironmentsFolder })) found.Add(AssetDatabase.GUIDToAssetPath(guid));
                found.Sort(System.StringComparer.Ordinal);
                scenes.AddRange(found);
            }
            var entries = new List<EditorBuildSettingsScene>();
            foreach (string path in scenes) entries.Add(new EditorBuildSettingsScene(path, true));
            EditorBuildSettings.scenes = entries.ToArray();
            return scenes.ToArray();
        }

        /// <summary>Writes one material per glTFast shader and keyword set under Resources; false when a glTFast shader is missing.</summary>
        public static bool EnsureShaderReferences()
        {
            Directory.CreateDirectory(ShaderRefsFolder);
            foreach (string name in GltfShaders)
            {
                Shader shader = Shader.Find(name);
                if (shader == null)
                {
                    Debug.LogError("clonedperson: glTFast shader " + name + " not found; is com.unity.cloud.gltfast installed?");
                    return false;
                }
                foreach (string[] keywords in GltfVariants)
                {
                    var material = new Material(shader);
                    foreach (string keyword in keywords) material.EnableKeyword(keyword);
                    string file = name.Replace('/', '_') + (keywords.Length == 0 ? "" : "_" + string.Join("_", keywords)) + ".mat";
                    string path = ShaderRefsFolder + "/" + file;
                    AssetDatabase.DeleteAsset(path);
                    AssetDatabase.CreateAsset(material, path);
                }
            }
            AssetDatabase.SaveAssets();
            return true;
        }
    }
}
