using System;
using Puerts;

namespace ClonedPerson
{
    /// <summary>Byte and float views of the ArrayBuffers that cross between TypeScript and C#.</summary>
    public static class Bytes
    {
        /// <summary>The buffer's bytes as an array of exactly its length (no copy when it already is).</summary>
        public static byte[] Exact(ArrayBuffer buffer)
        {
            if (buffer == null || buffer.Bytes == null) return new byte[0];
            if (buffer.Count == buffer.Bytes.Length) return buffer.Bytes;
            var copy = new byte[buffer.Count];
            Buffer.BlockCopy(buffer.Bytes, 0, copy, 0, buffer.Count);
            return copy;
        }

        /// <summary>The buffer read as little-endian 32-bit floats (a Float32Array on the TypeScript side).</summary>
        public static float[] Floats(ArrayBuffer buffer)
        {
            var floats = new float[buffer.Count / 4];
            Buffer.BlockCopy(buffer.Bytes, 0, floats, 0, floats.Length * 4);
            return floats;
        }

        /// <summary>Floats as an ArrayBuffer (a Float32Array's bytes).</summary>
        public static ArrayBuffer FromFloats(float[] floats)
        {
            var bytes = new byte[floats.Length * 4];
            Buffer.BlockCopy(floats, 0, bytes, 0, bytes.Length);
            return new ArrayBuffer(bytes);
        }
    }
}
