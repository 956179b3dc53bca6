using System;
using UnityEditor;
using UnityEditor.SceneManagement;
using UnityEngine;

namespace ClonedPerson.Editor
{
    /// <summary>
    /// Renders in the editor, for `--player unity --unity /path/to/Unity`:
    /// <c>Unity -batchmode -projectPath unity-project -executeMethod ClonedPerson.Editor.EditorRender.Run -logFile -</c>
    /// (no -quit: -quit would end the editor as soon as this method returns). It enters play mode in
    /// an empty scene; PlayerBootstrap then runs the session and exits the editor with its code.
    /// </summary>
    public static class EditorRender
    {
        public static void Run()
        {
            try
            {
                BuildPreparation.ApplyPlayerSettings();
                BuildPreparation.RegisterScenes();
                EditorSceneManager.NewScene(NewSceneSetup.EmptyScene, NewSceneMode.Single);
                EditorApplication.EnterPlaymode();
            }
            catch (Exception e)
            {
                Debug.LogException(e);
                EditorApplication.Exit(PlayerExitCodes.Failed);
            }
        }
    }
}
