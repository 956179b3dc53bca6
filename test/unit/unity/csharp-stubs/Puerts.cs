// Stubs of the PuerTS 3.0.2 API the player's C# uses, written from the PuerTS sources at tag
// Unity_v3.0.2 (https://github.com/Tencent/puerts/tree/Unity_v3.0.2/unity/upms): the paths are
// given per type. For `mcs` only (test/unit/unity/csharp-compile.test.ts).
#pragma warning disable 0067, 0649, 0169, 0414
using System;

namespace Puerts
{
    // unity/upms/core/Runtime/Src/Loader.cs
    public interface ILoader
    {
        bool FileExists(string filepath);
        string ReadFile(string filepath, out string debugpath);
    }

    // unity/upms/core/Runtime/Src/Loader.cs
    public interface IModuleChecker
    {
        bool IsESM(string filepath);
    }

    // unity/upms/core/Runtime/Src/Loader.cs
    public class DefaultLoader : ILoader, IModuleChecker
    {
        public bool FileExists(string filepath) { return false; }
        public string ReadFile(string filepath, out string debugpath) { debugpath = null; return null; }
        public bool IsESM(string filepath) { return true; }
    }

    // unity/upms/core/Runtime/Src/Backend.cs (abstract in PuerTS)
    public abstract class Backend { }

    // unity/upms/core/Runtime/Src/Backends/BackendJs.cs
    public abstract class BackendJs : Backend
    {
        protected BackendJs(ILoader loader) { }
    }

    // unity/upms/v8/Runtime/Src/Backends/BackendV8.cs
    public class BackendV8 : BackendJs
    {
        public BackendV8(ILoader loader) : base(loader) { }
    }

    // unity/upms/core/Runtime/Src/PInvoke/ScriptEnv.cs
    public class ScriptEnv : IDisposable
    {
        public ScriptEnv(Backend backend, int debugPort = -1) { }
        public ScriptObject ExecuteModule(string specifier) { return null; }
        public void Tick() { }
        public void Dispose() { }
    }

    // unity/upms/core/Runtime/Src/PInvoke/JSType/ScriptObject.cs
    public class ScriptObject : IDisposable
    {
        public T Get<T>(string key) { return default(T); }
        public void Dispose() { }
    }

    // unity/upms/core/Runtime/Src/ArrayBuffer.cs
    public class ArrayBuffer
    {
        public byte[] Bytes;
        public int Count;
        public ArrayBuffer(byte[] bytes) { Bytes = bytes; Count = bytes == null ? 0 : bytes.Length; }
    }

    // unity/upms/core/Editor/Src/Configure.cs
    [AttributeUsage(AttributeTargets.Class)]
    public class ConfigureAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Property)]
    public class TypingAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Property)]
    public class CodeOutputDirectoryAttribute : Attribute { }
}
