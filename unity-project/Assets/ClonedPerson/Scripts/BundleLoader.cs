using System.IO;
using Puerts;

namespace ClonedPerson
{
    /// <summary>
    /// The PuerTS loader: the player's one ES module bundle from a file on disk (so a built player
    /// can run newer scripts without a rebuild) or from Resources; PuerTS's own modules
    /// (puerts/*.mjs) always come from PuerTS's DefaultLoader (Resources).
    /// </summary>
    public sealed class BundleLoader : ILoader, IModuleChecker
    {
        /// <summary>The bundle's module name: Assets/ClonedPerson/Resources/clonedperson-player.mjs.</summary>
        public const string EntryModule = "clonedperson-player.mjs";

        readonly string bundlePath;
        readonly DefaultLoader resources = new DefaultLoader();

        public BundleLoader(string bundlePath)
        {
            this.bundlePath = bundlePath;
        }

        bool FromDisk(string filepath)
        {
            return bundlePath != null && filepath == EntryModule;
        }

        public bool FileExists(string filepath)
        {
            return FromDisk(filepath) ? File.Exists(bundlePath) : resources.FileExists(filepath);
        }

        public string ReadFile(string filepath, out string debugpath)
        {
            if (!FromDisk(filepath)) return resources.ReadFile(filepath, out debugpath);
            debugpath = bundlePath;
            return File.ReadAllText(bundlePath);
        }

        public bool IsESM(string filepath)
        {
            return !filepath.EndsWith(".cjs");
        }
    }
}
