using System.Threading.Tasks;
using GLTFast;
using Puerts;
using UnityEngine;

namespace ClonedPerson
{
    /// <summary>
    /// glTFast for the characters: one GltfImport per character, loaded from the glb's bytes
    /// (the TypeScript reads them once, for its own use too) without spreading work over frames,
    /// without animation import (the TypeScript poses the bones), instantiated once per person.
    /// </summary>
    public static class GltfLoading
    {
        public static GltfImport Create()
        {
            return new GltfImport(null, new UninterruptedDeferAgent(), null, new GLTFast.Logging.ConsoleLogger());
        }

        /// <summary>Loads a glb; the task's result is false on a critical error (glTFast logs why).</summary>
        public static Task<bool> Load(GltfImport gltf, ArrayBuffer glb)
        {
            var settings = new ImportSettings
            {
                AnimationMethod = AnimationMethod.None,
                GenerateMipMaps = true,
            };
            return gltf.Load(Bytes.Exact(glb), null, settings);
        }

        /// <summary>
        /// Instantiates the glb's main scene below `parent`, or its first scene when it names none
        /// (glTFast instantiates nothing for a glb without a `scene` property).
        /// </summary>
        public static async Task<bool> Instantiate(GltfImport gltf, Transform parent)
        {
            if (!await gltf.InstantiateMainSceneAsync(parent)) return false;
            if (parent.childCount > 0 || gltf.SceneCount == 0) return true;
            return await gltf.InstantiateSceneAsync(parent, 0);
        }
    }
}
