// Stubs of exactly the UnityEngine API the player's C# uses, written from the Unity 2022.3
// scripting reference (one URL per member) so that `mcs -langversion:7.2` can compile
// unity-project/Assets/ClonedPerson against them (test/unit/unity/csharp-compile.test.ts). They
// prove names, types and signatures as written here, not that Unity has them (see docs/unity.md).
#pragma warning disable 0067, 0649, 0169, 0414
using System;

namespace UnityEngine
{
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Object.html
    public class Object
    {
        public string name { get; set; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Object.DestroyImmediate.html
        public static void DestroyImmediate(Object obj) { }
        public static implicit operator bool(Object exists) { return exists != null; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Object.DontDestroyOnLoad.html
        public static void DontDestroyOnLoad(Object target) { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Component.html
    public class Component : Object
    {
        public GameObject gameObject { get { return null; } }
        public Transform transform { get { return null; } }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Component.GetComponentsInChildren.html
        public T[] GetComponentsInChildren<T>(bool includeInactive) { return null; }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Behaviour.html
    public class Behaviour : Component
    {
        public bool enabled { get; set; }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/MonoBehaviour.html
    public class MonoBehaviour : Behaviour { }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/GameObject.html
    public sealed class GameObject : Object
    {
        public GameObject(string name) { }
        public Transform transform { get { return null; } }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/GameObject-layer.html
        public int layer { get; set; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/GameObject.AddComponent.html
        public T AddComponent<T>() where T : Component { return null; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/GameObject.GetComponentsInChildren.html
        public T[] GetComponentsInChildren<T>(bool includeInactive) { return null; }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Transform.html
    public class Transform : Component, System.Collections.IEnumerable
    {
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Transform-childCount.html
        public int childCount { get { return 0; } }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Transform.GetChild.html
        public Transform GetChild(int index) { return null; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Transform-localRotation.html
        public Quaternion localRotation { get; set; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Transform-localToWorldMatrix.html
        public Matrix4x4 localToWorldMatrix { get { return new Matrix4x4(); } }
        public System.Collections.IEnumerator GetEnumerator() { return null; }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Renderer.html
    public class Renderer : Component
    {
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Renderer.SetPropertyBlock.html
        public void SetPropertyBlock(MaterialPropertyBlock properties) { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/MaterialPropertyBlock.html
    public sealed class MaterialPropertyBlock
    {
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/MaterialPropertyBlock.SetVector.html
        public void SetVector(string name, Vector4 value) { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Camera.html
    public sealed class Camera : Behaviour
    {
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Camera-targetTexture.html
        public RenderTexture targetTexture { get; set; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Camera-aspect.html
        public float aspect { get; set; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Camera-clearFlags.html
        public CameraClearFlags clearFlags { get; set; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Camera-backgroundColor.html
        public Color backgroundColor { get; set; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Camera-cullingMask.html
        public int cullingMask { get; set; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Camera.Render.html
        public void Render() { }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Camera.RenderWithShader.html
        public void RenderWithShader(Shader shader, string replacementTag) { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/CameraClearFlags.html
    public enum CameraClearFlags { Skybox = 1, Color = 2, SolidColor = 2, Depth = 3, Nothing = 4 }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Shader.html
    public sealed class Shader : Object
    {
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Shader.Find.html
        public static Shader Find(string name) { return null; }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Material.html
    public class Material : Object
    {
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Material-ctor.html
        public Material(Shader shader) { }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Material.EnableKeyword.html
        public void EnableKeyword(string keyword) { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Resources.Load.html
    public static class Resources
    {
        public static T Load<T>(string path) where T : Object { return null; }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Texture.html
    public class Texture : Object
    {
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Texture-wrapMode.html
        public TextureWrapMode wrapMode { get; set; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Texture-filterMode.html
        public FilterMode filterMode { get; set; }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Texture2D.html
    public sealed class Texture2D : Texture
    {
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Texture2D-ctor.html
        public Texture2D(int width, int height, TextureFormat textureFormat, bool mipChain) { }
        public Texture2D(int width, int height, TextureFormat textureFormat, bool mipChain, bool linear) { }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Texture2D.ReadPixels.html
        public void ReadPixels(Rect source, int destX, int destY, bool recalculateMipMaps) { }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Texture2D.Apply.html
        public void Apply(bool updateMipmaps) { }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Texture2D.GetRawTextureData.html
        public byte[] GetRawTextureData() { return null; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Texture2D.LoadRawTextureData.html
        public void LoadRawTextureData(byte[] data) { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/RenderTexture.html
    public class RenderTexture : Texture
    {
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/RenderTexture-active.html
        public static RenderTexture active { get; set; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/RenderTexture.GetTemporary.html
        public static RenderTexture GetTemporary(int width, int height, int depthBuffer, RenderTextureFormat format, RenderTextureReadWrite readWrite) { return null; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/RenderTexture.ReleaseTemporary.html
        public static void ReleaseTemporary(RenderTexture temp) { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/RenderTextureFormat.html
    public enum RenderTextureFormat { ARGB32 = 0 }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/RenderTextureReadWrite.html
    public enum RenderTextureReadWrite { Default = 0, Linear = 1, sRGB = 2 }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/TextureFormat.html
    public enum TextureFormat { RGB24 = 3, RGBA32 = 4 }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/TextureWrapMode.html
    public enum TextureWrapMode { Repeat = 0, Clamp = 1 }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/FilterMode.html
    public enum FilterMode { Point = 0, Bilinear = 1, Trilinear = 2 }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/ColorSpace.html
    public enum ColorSpace { Uninitialized = -1, Gamma = 0, Linear = 1 }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/FullScreenMode.html
    public enum FullScreenMode { ExclusiveFullScreen = 0, FullScreenWindow = 1, MaximizedWindow = 2, Windowed = 3 }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/ImageConversion.html
    public static class ImageConversion
    {
        public static byte[] EncodeToPNG(Texture2D tex) { return null; }
        public static byte[] EncodeToJPG(Texture2D tex, int quality) { return null; }
        public static bool LoadImage(Texture2D tex, byte[] data) { return false; }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Rect-ctor.html
    public struct Rect
    {
        public Rect(float x, float y, float width, float height) { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Vector4-ctor.html
    public struct Vector4
    {
        public Vector4(float x, float y, float z, float w) { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Color-ctor.html
    public struct Color
    {
        public Color(float r, float g, float b, float a) { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Quaternion-ctor.html
    public struct Quaternion
    {
        public Quaternion(float x, float y, float z, float w) { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Matrix4x4.Index_operator.html
    public struct Matrix4x4
    {
        public float this[int row, int column] { get { return 0f; } }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Debug.html
    public static class Debug
    {
        public static void Log(object message) { }
        public static void LogError(object message) { }
        public static void LogException(Exception exception) { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Application.html
    public static class Application
    {
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Application-runInBackground.html
        public static bool runInBackground { get; set; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Application-targetFrameRate.html
        public static int targetFrameRate { get; set; }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Application-dataPath.html
        public static string dataPath { get { return null; } }
        // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Application.Quit.html
        public static void Quit(int exitCode) { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/QualitySettings-vSyncCount.html
    public static class QualitySettings
    {
        public static int vSyncCount { get; set; }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/RuntimeInitializeOnLoadMethodAttribute.html
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class RuntimeInitializeOnLoadMethodAttribute : Attribute
    {
        public RuntimeInitializeOnLoadMethodAttribute(RuntimeInitializeLoadType loadType) { }
    }

    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/RuntimeInitializeLoadType.html
    public enum RuntimeInitializeLoadType { AfterSceneLoad = 0, BeforeSceneLoad = 1 }

    // Types named only in PuertsConfig's [Typing] list.
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Light.html
    public sealed class Light : Behaviour { }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/LightShadows.html
    public enum LightShadows { None = 0, Hard = 1, Soft = 2 }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/LightType.html
    public enum LightType { Spot = 0, Directional = 1, Point = 2 }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/PrimitiveType.html
    public enum PrimitiveType { Sphere = 0, Capsule = 1, Cylinder = 2, Cube = 3, Plane = 4, Quad = 5 }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/RenderSettings.html
    public sealed class RenderSettings : Object { }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Vector3.html
    public struct Vector3 { }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/AsyncOperation.html
    public class AsyncOperation { }
}

namespace UnityEngine.Rendering
{
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Rendering.AmbientMode.html
    public enum AmbientMode { Skybox = 0, Trilight = 1, Flat = 3, Custom = 4 }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Rendering.GraphicsDeviceType.html
    public enum GraphicsDeviceType { OpenGLCore = 17, Vulkan = 21 }
}

namespace UnityEngine.SceneManagement
{
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/SceneManagement.SceneManager.html
    public static class SceneManager { }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/SceneManagement.LoadSceneMode.html
    public enum LoadSceneMode { Single = 0, Additive = 1 }
    // https://docs.unity3d.com/2022.3/Documentation/ScriptReference/SceneManagement.Scene.html
    public struct Scene { }
}
