using System;
using Puerts;
using UnityEngine;

namespace ClonedPerson
{
    /// <summary>
    /// Renders a camera into an off-screen texture and returns the encoded frame: Camera.Render()
    /// into a RenderTexture and ReadPixels (synchronous, so it works in editor batch mode, where
    /// WaitForEndOfFrame does not), supersampled by rendering larger and box-filtering down.
    /// </summary>
    public static class FrameCapture
    {
        public const int Raw = 0;
        public const int Png = 1;
        public const int Jpeg = 2;

        /// <summary>
        /// The camera's view at widthPx x heightPx: raw RGB8 rows top to bottom (the protocol's raw
        /// frames), or PNG/JPEG bytes.
        /// </summary>
        public static ArrayBuffer Render(Camera camera, int widthPx, int heightPx, int samplesPerAxis, int encoding, int jpegQuality)
        {
            int s = Math.Max(1, samplesPerAxis);
            int w = widthPx * s, h = heightPx * s;
            RenderTexture target = RenderTexture.GetTemporary(w, h, 24, RenderTextureFormat.ARGB32, RenderTextureReadWrite.Default);
            byte[] rgb;
            try
            {
                camera.targetTexture = target;
                camera.aspect = (float)widthPx / heightPx;
                camera.Render();
                rgb = ReadPixels(target, w, h, TextureFormat.RGB24, false);
            }
            finally
            {
                camera.targetTexture = null;
                RenderTexture.ReleaseTemporary(target);
            }
            if (s > 1) rgb = BoxFilter(rgb, w, h, s);
            if (encoding == Raw) return new ArrayBuffer(FlipRows(rgb, widthPx, heightPx, 3));
            var image = new Texture2D(widthPx, heightPx, TextureFormat.RGB24, false);
            try
            {
                image.LoadRawTextureData(rgb);
                image.Apply(false);
                return new ArrayBuffer(encoding == Jpeg ? ImageConversion.EncodeToJPG(image, jpegQuality) : ImageConversion.EncodeToPNG(image));
            }
            finally
            {
                UnityEngine.Object.DestroyImmediate(image);
            }
        }

        /// <summary>The pixels of `target` (bottom row first, as Unity stores textures).</summary>
        internal static byte[] ReadPixels(RenderTexture target, int w, int h, TextureFormat format, bool linear)
        {
            RenderTexture previous = RenderTexture.active;
            var texture = new Texture2D(w, h, format, false, linear);
            try
            {
                RenderTexture.active = target;
                texture.ReadPixels(new Rect(0, 0, w, h), 0, 0, false);
                texture.Apply(false);
                return texture.GetRawTextureData();
            }
            finally
            {
                RenderTexture.active = previous;
                UnityEngine.Object.DestroyImmediate(texture);
            }
        }

        /// <summary>Averages each s x s block of an RGB8 image of w x h (w and h multiples of s).</summary>
        static byte[] BoxFilter(byte[] rgb, int w, int h, int s)
        {
            int ow = w / s, oh = h / s, n = s * s;
            var output = new byte[ow * oh * 3];
            for (int y = 0; y < oh; y++)
            {
                for (int x = 0; x < ow; x++)
                {
                    for (int c = 0; c < 3; c++)
                    {
                        int sum = 0;
                        for (int j = 0; j < s; j++)
                        {
                            int row = ((y * s + j) * w + x * s) * 3 + c;
                            for (int i = 0; i < s; i++) sum += rgb[row + i * 3];
                        }
                        output[(y * ow + x) * 3 + c] = (byte)((sum + n / 2) / n);
                    }
                }
            }
            return output;
        }

        /// <summary>The rows in reverse order (Unity's bottom-up to the protocol's top-down).</summary>
        static byte[] FlipRows(byte[] pixels, int w, int h, int channels)
        {
            int stride = w * channels;
            var output = new byte[pixels.Length];
            for (int y = 0; y < h; y++) Buffer.BlockCopy(pixels, y * stride, output, (h - 1 - y) * stride, stride);
            return output;
        }
    }
}
