using System;
using System.IO;
using UnityEditor;
using UnityEditor.Build.Reporting;
using UnityEngine;

namespace ClonedPerson.Editor
{
    /// <summary>
    /// Builds the player from the command line:
    /// <c>Unity -batchmode -projectPath unity-project -executeMethod ClonedPerson.Editor.PlayerBuild.Build
    /// -clonedpersonTarget linux|windows|macos [-clonedpersonOutput path] -logFile -</c>.
    /// Exits 0 when the BuildReport says Succeeded, else with a PlayerExitCodes value.
    /// </summary>
    public static class PlayerBuild
    {
        public static void Build()
        {
            int code;
            try
            {
                code = BuildFromArguments(Environment.GetCommandLineArgs());
            }
            catch (Exception e)
            {
                Debug.LogException(e);
                code = PlayerExitCodes.Failed;
            }
            EditorApplication.Exit(code);
        }

        static string Argument(string[] args, string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        static int BuildFromArguments(string[] args)
        {
            string target = Argument(args, "-clonedpersonTarget") ?? "linux";
            BuildTarget buildTarget;
            string executable;
            switch (target)
            {
                case "linux":
                    buildTarget = BuildTarget.StandaloneLinux64;
                    executable = "ClonedPersonPlayer.x86_64";
                    break;
                case "windows":
                    buildTarget = BuildTarget.StandaloneWindows64;
                    executable = "ClonedPersonPlayer.exe";
                    break;
                case "macos":
                    buildTarget = BuildTarget.StandaloneOSX;
                    executable = "ClonedPersonPlayer.app";
                    break;
                default:
                    Debug.LogError("clonedperson: -clonedpersonTarget must be linux, windows or macos, not " + target);
                    return PlayerExitCodes.Usage;
            }
            string output = Argument(args, "-clonedpersonOutput") ?? Path.Combine("Build", target, executable);
            if (!File.Exists(BuildPreparation.BundleAsset))
            {
                Debug.LogError("clonedperson: " + BuildPreparation.BundleAsset + " is missing; run `npm run unity:bundle` first");
                return PlayerExitCodes.BundleMissing;
            }
            if (!BuildPreparation.EnsureShaderReferences()) return PlayerExitCodes.ShaderMissing;
            BuildPreparation.ApplyPlayerSettings();
            var options = new BuildPlayerOptions
            {
                scenes = BuildPreparation.RegisterScenes(),
                locationPathName = output,
                target = buildTarget,
                targetGroup = BuildTargetGroup.Standalone,
                options = BuildOptions.None,
            };
            BuildReport report = BuildPipeline.BuildPlayer(options);
            BuildSummary summary = report.summary;
            Debug.Log("clonedperson: build " + summary.result + ": " + summary.totalErrors + " errors, " + summary.totalSize + " bytes, " + output);
            return summary.result == BuildResult.Succeeded ? PlayerExitCodes.Ok : PlayerExitCodes.Failed;
        }
    }
}
