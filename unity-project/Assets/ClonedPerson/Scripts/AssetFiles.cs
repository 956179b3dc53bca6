using System;
using System.IO;
using Puerts;
using UnityEngine;

namespace ClonedPerson
{
    /// <summary>Reading the files the orchestrator names (characters, textures), confined to its asset folders.</summary>
    public static class AssetFiles
    {
        /// <summary>
        /// The full path of `path` when it lies inside one of `roots` (one folder per line; an empty
        /// list allows any path), else null. The check is lexical (.., ., separators): unlike the
        /// embedded player it does not resolve symbolic links.
        /// </summary>
        public static string Confine(string path, string roots)
        {
            string full = Path.GetFullPath(path);
            if (string.IsNullOrEmpty(roots)) return full;
            StringComparison comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            foreach (string root in roots.Split('\n'))
            {
                if (root.Length == 0) continue;
                string folder = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
                if (full.StartsWith(folder, comparison)) return full;
            }
            return null;
        }

        /// <summary>The file's bytes.</summary>
        public static ArrayBuffer Read(string path)
        {
            return new ArrayBuffer(File.ReadAllBytes(path));
        }

        /// <summary>A texture decoded from PNG or JPEG bytes; null when they do not decode.</summary>
        public static Texture2D DecodeImage(ArrayBuffer bytes, bool repeat)
        {
            var texture = new Texture2D(2, 2, TextureFormat.RGBA32, true);
            if (!ImageConversion.LoadImage(texture, Bytes.Exact(bytes)))
            {
                UnityEngine.Object.DestroyImmediate(texture);
                return null;
            }
            texture.wrapMode = repeat ? TextureWrapMode.Repeat : TextureWrapMode.Clamp;
            return texture;
        }
    }
}
