// Stubs of the glTFast 6.14.1 API the player's C# uses, written from its sources at that release
// (https://github.com/Unity-Technologies/com.unity.cloud.gltfast, Runtime/Scripts/GltfImport.cs,
// ImportSettings.cs, UninterruptedDeferAgent.cs, Logging/ConsoleLogger.cs) and the API reference
// https://docs.unity3d.com/Packages/com.unity.cloud.gltfast@6.14/api/GLTFast.GltfImport.html.
#pragma warning disable 0067, 0649, 0169, 0414
using System;
using System.Threading;
using System.Threading.Tasks;
using UnityEngine;

namespace GLTFast
{
    public interface IDownloadProvider { }
    public interface IDeferAgent { }
    public interface IMaterialGenerator { }

    public class UninterruptedDeferAgent : IDeferAgent { }

    public enum AnimationMethod { None = 0, Legacy = 1, Mecanim = 2 }

    public class ImportSettings
    {
        public AnimationMethod AnimationMethod { get; set; }
        public bool GenerateMipMaps { get; set; }
    }

    public class GltfImport : IDisposable
    {
        public GltfImport(IDownloadProvider downloadProvider = null, IDeferAgent deferAgent = null, IMaterialGenerator materialGenerator = null, Logging.ICodeLogger logger = null) { }
        public int SceneCount { get { return 0; } }
        public Task<bool> Load(byte[] data, Uri uri = null, ImportSettings importSettings = null, CancellationToken cancellationToken = default(CancellationToken)) { return null; }
        public Task<bool> InstantiateMainSceneAsync(Transform parent, CancellationToken cancellationToken = default(CancellationToken)) { return null; }
        public Task<bool> InstantiateSceneAsync(Transform parent, int sceneIndex = 0, CancellationToken cancellationToken = default(CancellationToken)) { return null; }
        public void Dispose() { }
    }
}

namespace GLTFast.Logging
{
    public interface ICodeLogger { }
    public class ConsoleLogger : ICodeLogger { }
}
