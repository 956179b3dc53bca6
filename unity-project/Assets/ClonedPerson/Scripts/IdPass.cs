using System.Collections.Generic;
using Puerts;
using UnityEngine;

namespace ClonedPerson
{
    /// <summary>
    /// Instance-id images for the annotations (the built-in pipeline's replacement shaders, as Unity
    /// Perception did with its override material): every renderer of a person carries its id in a
    /// MaterialPropertyBlock, and the camera re-renders the scene with ClonedPerson/IdPass, which
    /// writes the id (red = low byte, green = high byte) where the person is seen and 0 for
    /// everything else. The TypeScript reads the pixels (view-annotations.ts).
    /// </summary>
    public static class IdPass
    {
        public const string IdProperty = "_ClonedPersonId";
        /// <summary>The layer a person is moved to while it is rendered alone.</summary>
        public const int IsolationLayer = 31;

        static Shader shader;

        static Shader IdShader()
        {
            if (shader == null) shader = Resources.Load<Shader>("ClonedPerson/IdPass");
            return shader;
        }

        /// <summary>Whether the id shader is in the build.</summary>
        public static bool Ready()
        {
            return IdShader() != null;
        }

        /// <summary>Marks every renderer below `person` with `personId` (1..65535).</summary>
        public static void Tag(GameObject person, int personId)
        {
            var block = new MaterialPropertyBlock();
            // A vector, not a colour: colours would be converted from sRGB in a linear project.
            block.SetVector(IdProperty, new Vector4((personId & 255) / 255f, ((personId >> 8) & 255) / 255f, 0f, 1f));
            foreach (Renderer renderer in person.GetComponentsInChildren<Renderer>(true)) renderer.SetPropertyBlock(block);
        }

        /// <summary>The id image of everything the camera sees: RGBA8, w x h, bottom row first.</summary>
        public static ArrayBuffer Render(Camera camera, int widthPx, int heightPx)
        {
            return RenderIds(camera, widthPx, heightPx, camera.cullingMask);
        }

        /// <summary>The id image of `person` alone (no occluders), for its unoccluded pixel count.</summary>
        public static ArrayBuffer RenderAlone(Camera camera, GameObject person, int widthPx, int heightPx)
        {
            var layers = new List<KeyValuePair<GameObject, int>>();
            foreach (Transform t in person.GetComponentsInChildren<Transform>(true))
            {
                layers.Add(new KeyValuePair<GameObject, int>(t.gameObject, t.gameObject.layer));
                t.gameObject.layer = IsolationLayer;
            }
            try
            {
                return RenderIds(camera, widthPx, heightPx, 1 << IsolationLayer);
            }
            finally
            {
                foreach (KeyValuePair<GameObject, int> entry in layers) entry.Key.layer = entry.Value;
            }
        }

        static ArrayBuffer RenderIds(Camera camera, int widthPx, int heightPx, int cullingMask)
        {
            CameraClearFlags clearFlags = camera.clearFlags;
            Color background = camera.backgroundColor;
            int mask = camera.cullingMask;
            RenderTexture target = RenderTexture.GetTemporary(widthPx, heightPx, 24, RenderTextureFormat.ARGB32, RenderTextureReadWrite.Linear);
            target.filterMode = FilterMode.Point;
            try
            {
                camera.clearFlags = CameraClearFlags.SolidColor;
                camera.backgroundColor = new Color(0f, 0f, 0f, 0f);
                camera.cullingMask = cullingMask;
                camera.targetTexture = target;
                camera.RenderWithShader(IdShader(), "RenderType");
                return new ArrayBuffer(FrameCapture.ReadPixels(target, widthPx, heightPx, TextureFormat.RGBA32, true));
            }
            finally
            {
                camera.targetTexture = null;
                camera.clearFlags = clearFlags;
                camera.backgroundColor = background;
                camera.cullingMask = mask;
                RenderTexture.ReleaseTemporary(target);
            }
        }
    }
}
