// Stubs of the UnityEditor API the editor entry points use, from the Unity 2022.3 scripting
// reference (one URL per member). For `mcs` only (test/unit/unity/csharp-compile.test.ts).
#pragma warning disable 0067, 0649, 0169, 0414
using UnityEngine;

namespace UnityEditor
{
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/EditorApplication.html
    public static class EditorApplication
    {
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/EditorApplication.Exit.html
        public static void Exit(int returnValue) { }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/EditorApplication.EnterPlaymode.html
        public static void EnterPlaymode() { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/PlayerSettings.html
    public static class PlayerSettings
    {
        public static ColorSpace colorSpace { get; set; }
        public static bool runInBackground { get; set; }
        public static FullScreenMode fullScreenMode { get; set; }
        public static int defaultScreenWidth { get; set; }
        public static int defaultScreenHeight { get; set; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/PlayerSettings.SetScriptingBackend.html
        public static void SetScriptingBackend(BuildTargetGroup targetGroup, ScriptingImplementation backend) { }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/PlayerSettings.SetUseDefaultGraphicsAPIs.html
        public static void SetUseDefaultGraphicsAPIs(BuildTarget platform, bool automatic) { }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/PlayerSettings.SetGraphicsAPIs.html
        public static void SetGraphicsAPIs(BuildTarget platform, UnityEngine.Rendering.GraphicsDeviceType[] apis) { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/BuildTargetGroup.html
    public enum BuildTargetGroup { Standalone = 1 }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/BuildTarget.html
    public enum BuildTarget { StandaloneOSX = 2, StandaloneWindows64 = 19, StandaloneLinux64 = 24 }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/ScriptingImplementation.html
    public enum ScriptingImplementation { Mono2x = 0, IL2CPP = 1 }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/BuildOptions.html
    public enum BuildOptions { None = 0 }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/BuildPlayerOptions.html
    public struct BuildPlayerOptions
    {
        public string[] scenes { get; set; }
        public string locationPathName { get; set; }
        public BuildTarget target { get; set; }
        public BuildTargetGroup targetGroup { get; set; }
        public BuildOptions options { get; set; }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/BuildPipeline.BuildPlayer.html
    public static class BuildPipeline
    {
        public static Build.Reporting.BuildReport BuildPlayer(BuildPlayerOptions buildPlayerOptions) { return null; }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/EditorBuildSettings.html
    public static class EditorBuildSettings
    {
        public static EditorBuildSettingsScene[] scenes { get; set; }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/EditorBuildSettingsScene-ctor.html
    public class EditorBuildSettingsScene
    {
        public EditorBuildSettingsScene(string path, bool enabled) { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/AssetDatabase.html
    public static class AssetDatabase
    {
        public static bool IsValidFolder(string path) { return false; }
        public static string[] FindAssets(string filter, string[] searchInFolders) { return null; }
        public static string GUIDToAssetPath(string guid) { return null; }
        public static bool DeleteAsset(string path) { return false; }
        public static void CreateAsset(Object asset, string path) { }
        public static void SaveAssets() { }
    }
}

namespace UnityEditor.Build.Reporting
{
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Build.Reporting.BuildReport.html
    public class BuildReport
    {
        public BuildSummary summary { get { return new BuildSummary(); } }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Build.Reporting.BuildSummary.html
    public struct BuildSummary
    {
        public BuildResult result { get { return BuildResult.Unknown; } }
        public int totalErrors { get { return 0; } }
        public ulong totalSize { get { return 0; } }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Build.Reporting.BuildResult.html
    public enum BuildResult { Unknown = 0, Succeeded = 1, Failed = 2, Cancelled = 3 }
}

namespace UnityEditor.SceneManagement
{
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/SceneManagement.EditorSceneManager.html
    public static class EditorSceneManager
    {
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/SceneManagement.EditorSceneManager.NewScene.html
        public static UnityEngine.SceneManagement.Scene NewScene(NewSceneSetup setup, NewSceneMode mode) { return new UnityEngine.SceneManagement.Scene(); }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/SceneManagement.EditorSceneManager.SaveScene.html
        public static bool SaveScene(UnityEngine.SceneManagement.Scene scene, string dstScenePath) { return false; }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/SceneManagement.NewSceneSetup.html
    public enum NewSceneSetup { EmptyScene = 0, DefaultGameObjects = 1 }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/SceneManagement.NewSceneMode.html
    public enum NewSceneMode { Single = 0, Additive = 1 }
}
