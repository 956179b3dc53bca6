using System;
using System.Collections.Generic;
using System.IO;
using Puerts;
using UnityEngine;

namespace ClonedPerson.Editor
{
    /// <summary>
    /// The PuerTS configuration: every C# type the TypeScript uses, for Tools/PuerTS/Generate
    /// index.d.ts (written to unity-project/TypeScript/generated/, where
    /// scripts/unity/check-typings.ts compares it with the hand-written typings). The Mono backend
    /// calls C# by reflection, so no binding code is generated.
    /// </summary>
    [Configure]
    public static class PuertsConfig
    {
        [Typing]
        static IEnumerable<Type> Typings
        {
            get
            {
                return new[]
                {
                    typeof(UnityEngine.Application),
                    typeof(UnityEngine.AsyncOperation),
                    typeof(UnityEngine.Behaviour),
                    typeof(UnityEngine.Camera),
                    typeof(UnityEngine.CameraClearFlags),
                    typeof(UnityEngine.Color),
                    typeof(UnityEngine.Component),
                    typeof(UnityEngine.GameObject),
                    typeof(UnityEngine.Light),
                    typeof(UnityEngine.LightShadows),
                    typeof(UnityEngine.LightType),
                    typeof(UnityEngine.Material),
                    typeof(UnityEngine.Object),
                    typeof(UnityEngine.PrimitiveType),
                    typeof(UnityEngine.Quaternion),
                    typeof(UnityEngine.Renderer),
                    typeof(UnityEngine.RenderSettings),
                    typeof(UnityEngine.Rendering.AmbientMode),
                    typeof(UnityEngine.Resources),
                    typeof(UnityEngine.SceneManagement.LoadSceneMode),
                    typeof(UnityEngine.SceneManagement.Scene),
                    typeof(UnityEngine.SceneManagement.SceneManager),
                    typeof(UnityEngine.Shader),
                    typeof(UnityEngine.Texture),
                    typeof(UnityEngine.Texture2D),
                    typeof(UnityEngine.Transform),
                    typeof(UnityEngine.Vector3),
                    typeof(GLTFast.GltfImport),
                    typeof(ClonedPerson.AssetFiles),
                    typeof(ClonedPerson.FrameCapture),
                    typeof(ClonedPerson.GltfLoading),
                    typeof(ClonedPerson.IdPass),
                    typeof(ClonedPerson.PlayerBootstrap),
                    typeof(ClonedPerson.PlayerConfig),
                    typeof(ClonedPerson.Rig),
                    typeof(ClonedPerson.SocketTransport),
                };
            }
        }

        [CodeOutputDirectory]
        static string OutputDirectory
        {
            get { return Path.GetFullPath(Path.Combine(Application.dataPath, "..", "TypeScript", "generated")) + "/"; }
        }
    }
}
