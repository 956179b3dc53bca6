using System;
using Puerts;
using UnityEngine;

namespace ClonedPerson
{
    /// <summary>
    /// Starts the TypeScript player when the orchestrator launched Unity (CLONEDPERSON_PLAYER_URL
    /// is set): a V8 script environment running the bundle, ticked every frame, disposed at the end.
    /// Everything the player does lives in the bundle (unity-project/TypeScript); this class only
    /// hosts it and turns failures into exit codes (PlayerExitCodes).
    /// </summary>
    public sealed class PlayerBootstrap : MonoBehaviour
    {
        /// <summary>The launch settings, read by the TypeScript (main.ts).</summary>
        public static PlayerConfig Config { get; private set; }

        static int exitCode = -1;

        ScriptEnv env;
        Action tick;
        Action dispose;

        [RuntimeInitializeOnLoadMethod(RuntimeInitializeLoadType.AfterSceneLoad)]
        static void Boot()
        {
            string error;
            PlayerConfig config = PlayerConfig.Read(Environment.GetCommandLineArgs(), Environment.GetEnvironmentVariable, out error);
            if (error != null)
            {
                Debug.LogError("clonedperson: " + error);
                Quit(PlayerExitCodes.Usage);
                return;
            }
            if (config == null) return; // not started by the orchestrator
            Config = config;
            exitCode = -1;
            var host = new GameObject("ClonedPersonPlayer");
            DontDestroyOnLoad(host);
            host.AddComponent<PlayerBootstrap>();
        }

        /// <summary>Called by the TypeScript when the session is over; the player quits after this frame.</summary>
        public static void RequestExit(int code)
        {
            if (exitCode < 0) exitCode = code;
        }

        void Start()
        {
            Application.runInBackground = true;
            Application.targetFrameRate = -1;
            QualitySettings.vSyncCount = 0;
            if (Shader.Find("glTF/PbrMetallicRoughness") == null || !IdPass.Ready())
            {
                Debug.LogError("clonedperson: a shader is missing from the build (glTF/PbrMetallicRoughness or ClonedPerson/IdPass); see docs/unity.md, stripped shaders");
                RequestExit(PlayerExitCodes.ShaderMissing);
                return;
            }
            var loader = new BundleLoader(Config.BundlePath);
            if (!loader.FileExists(BundleLoader.EntryModule))
            {
                Debug.LogError("clonedperson: the script bundle " + (Config.BundlePath ?? "Resources/" + BundleLoader.EntryModule) + " was not found; run `npm run unity:bundle`");
                RequestExit(PlayerExitCodes.BundleMissing);
                return;
            }
            try
            {
                env = new ScriptEnv(new BackendV8(loader));
                ScriptObject module = env.ExecuteModule(BundleLoader.EntryModule);
                tick = module.Get<Action>("tick");
                dispose = module.Get<Action>("dispose");
            }
            catch (DllNotFoundException e)
            {
                Debug.LogError("clonedperson: a PuerTS native library could not be loaded: " + e.Message);
                RequestExit(PlayerExitCodes.NativeMissing);
            }
            catch (Exception e)
            {
                Debug.LogException(e);
                RequestExit(PlayerExitCodes.Internal);
            }
        }

        void Update()
        {
            if (exitCode >= 0)
            {
                Shutdown();
                return;
            }
            try
            {
                env.Tick();
                if (tick != null) tick();
            }
            catch (Exception e)
            {
                Debug.LogException(e);
                RequestExit(PlayerExitCodes.Internal);
            }
        }

        void OnApplicationQuit()
        {
            Release();
        }

        void Shutdown()
        {
            int code = exitCode;
            Release();
            enabled = false;
            Quit(code);
        }

        void Release()
        {
            try
            {
                if (dispose != null) dispose();
            }
            catch (Exception e)
            {
                Debug.LogException(e);
            }
            dispose = null;
            tick = null;
            if (env != null) env.Dispose();
            env = null;
        }

        static void Quit(int code)
        {
            Debug.Log("clonedperson: exiting with code " + code);
#if UNITY_EDITOR
            UnityEditor.EditorApplication.Exit(code);
#else
            Application.Quit(code);
#endif
        }
    }
}
