using System;

namespace ClonedPerson
{
    /// <summary>
    /// What the orchestrator hands the player at launch. The URL and the token come from the
    /// environment, as for the embedded player, so the token stays out of the process list; the
    /// command line may override the URL and name a script bundle on disk.
    /// </summary>
    public sealed class PlayerConfig
    {
        public const string UrlVariable = "CLONEDPERSON_PLAYER_URL";
        public const string TokenVariable = "CLONEDPERSON_PLAYER_TOKEN";
        public const string AssetRootsVariable = "CLONEDPERSON_PLAYER_ASSET_ROOTS";
        public const string LogLevelVariable = "CLONEDPERSON_PLAYER_LOG_LEVEL";
        public const string BundleVariable = "CLONEDPERSON_UNITY_BUNDLE";
        public const string UrlOption = "--clonedperson-url";
        public const string BundleOption = "--clonedperson-bundle";

        /// <summary>ws://127.0.0.1:PORT/ of the orchestrator's session server.</summary>
        public string Url { get; private set; }
        /// <summary>The per-launch session token for session/hello.</summary>
        public string Token { get; private set; }
        /// <summary>A JSON list of folders asset paths must lie in, or null (the TypeScript parses it).</summary>
        public string AssetRoots { get; private set; }
        /// <summary>"debug" or "info".</summary>
        public string LogLevel { get; private set; }
        /// <summary>The script bundle on disk, or null to load it from Resources.</summary>
        public string BundlePath { get; private set; }

        /// <summary>
        /// Reads the launch settings. Returns null with a null error when no URL is given (Unity was
        /// not started by the orchestrator: the player stays idle), and null with an error when the
        /// settings are malformed.
        /// </summary>
        public static PlayerConfig Read(string[] args, Func<string, string> environment, out string error)
        {
            error = null;
            string url = OptionValue(args, UrlOption, ref error) ?? environment(UrlVariable);
            string bundle = OptionValue(args, BundleOption, ref error) ?? environment(BundleVariable);
            if (error != null) return null;
            if (string.IsNullOrEmpty(url)) return null;
            if (!url.StartsWith("ws://", StringComparison.Ordinal) && !url.StartsWith("wss://", StringComparison.Ordinal))
            {
                error = UrlVariable + " must be a ws:// URL, not \"" + url + "\"";
                return null;
            }
            string token = environment(TokenVariable);
            if (string.IsNullOrEmpty(token))
            {
                error = TokenVariable + " must be set when " + UrlVariable + " is";
                return null;
            }
            string level = environment(LogLevelVariable);
            return new PlayerConfig
            {
                Url = url,
                Token = token,
                AssetRoots = environment(AssetRootsVariable),
                LogLevel = level == "debug" ? "debug" : "info",
                BundlePath = string.IsNullOrEmpty(bundle) ? null : bundle,
            };
        }

        /// <summary>The value after `name` in `args`; sets `error` when the value is missing.</summary>
        static string OptionValue(string[] args, string name, ref string error)
        {
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] != name) continue;
                if (i + 1 >= args.Length || args[i + 1].StartsWith("-", StringComparison.Ordinal))
                {
                    error = name + " needs a value";
                    return null;
                }
                return args[i + 1];
            }
            return null;
        }
    }
}
