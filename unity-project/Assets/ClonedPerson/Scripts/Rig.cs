using System.Collections.Generic;
using Puerts;
using UnityEngine;

namespace ClonedPerson
{
    /// <summary>
    /// A character's bones as glTFast made them (one Transform per glTF node, named after it),
    /// posed and read back in one call per person: the TypeScript computes the pose and the
    /// annotations, C# only moves the numbers.
    /// </summary>
    public static class Rig
    {
        /// <summary>The Transforms below `root` named as listed (one name per line), null where absent; the first match in depth-first order wins.</summary>
        public static Transform[] FindBones(Transform root, string names)
        {
            var byName = new Dictionary<string, Transform>();
            var stack = new Stack<Transform>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                Transform t = stack.Pop();
                if (!byName.ContainsKey(t.name)) byName[t.name] = t;
                for (int i = t.childCount - 1; i >= 0; i--) stack.Push(t.GetChild(i));
            }
            string[] wanted = names.Split('\n');
            var bones = new Transform[wanted.Length];
            for (int i = 0; i < wanted.Length; i++)
            {
                Transform bone;
                bones[i] = byName.TryGetValue(wanted[i], out bone) ? bone : null;
            }
            return bones;
        }

        /// <summary>Sets each bone's localRotation from 4 floats (x, y, z, w; Unity space) per bone.</summary>
        public static void SetLocalRotations(Transform[] bones, ArrayBuffer quaternions)
        {
            float[] q = Bytes.Floats(quaternions);
            for (int i = 0; i < bones.Length && i * 4 + 3 < q.Length; i++)
            {
                if (bones[i] != null) bones[i].localRotation = new Quaternion(q[i * 4], q[i * 4 + 1], q[i * 4 + 2], q[i * 4 + 3]);
            }
        }

        /// <summary>Each bone's localToWorldMatrix, 16 floats per bone in column-major order (zeros for a missing bone).</summary>
        public static ArrayBuffer WorldMatrices(Transform[] bones)
        {
            var m = new float[bones.Length * 16];
            for (int i = 0; i < bones.Length; i++)
            {
                if (bones[i] == null) continue;
                Matrix4x4 world = bones[i].localToWorldMatrix;
                for (int c = 0; c < 4; c++)
                {
                    for (int r = 0; r < 4; r++) m[i * 16 + c * 4 + r] = world[r, c];
                }
            }
            return Bytes.FromFloats(m);
        }
    }
}
