namespace ClonedPerson
{
    /// <summary>
    /// How the player (and the editor entry points) exit. The orchestrator's Unity launcher maps
    /// these to its error codes (orchestrator/src/players/unity/unity-exit-codes.ts; a test keeps
    /// both tables equal). Unity itself exits with 1 when script code throws in batch mode.
    /// </summary>
    public static class PlayerExitCodes
    {
        /// <summary>The session ended with session/bye, or a build succeeded.</summary>
        public const int Ok = 0;
        /// <summary>An exception escaped (Unity's own batch-mode code), or a build failed.</summary>
        public const int Failed = 1;
        /// <summary>The launch environment or command line is malformed (URL without token, bad option).</summary>
        public const int Usage = 2;
        /// <summary>The script bundle (clonedperson-player.mjs) is neither at the given path nor in Resources.</summary>
        public const int BundleMissing = 3;
        /// <summary>A PuerTS native library (libPuertsCore, libPapiV8) could not be loaded.</summary>
        public const int NativeMissing = 4;
        /// <summary>A shader the player needs was stripped from the build (glTF/PbrMetallicRoughness, ClonedPerson/IdPass).</summary>
        public const int ShaderMissing = 5;
        /// <summary>The orchestrator's WebSocket could not be reached or the session ended with an error.</summary>
        public const int SessionFailed = 6;
        /// <summary>An unexpected failure inside the player's scripts.</summary>
        public const int Internal = 70;
    }
}
