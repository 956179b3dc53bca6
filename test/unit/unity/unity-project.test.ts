/**
 * The Unity project as files: every asset has its `.meta` with a unique GUID and no `.meta` is
 * left without its asset (Unity would regenerate or warn); the packages are pinned as docs/unity.md
 * says; the shaders the scripts load from Resources are there under the names they use, and the
 * id pass covers opaque, cut-out and blended materials.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { generatedAsset, listAssets, metaText } from '../../../scripts/unity/unity-meta.js';
import { REPO_ROOT } from '../../helpers/asset-paths.js';

const PROJECT = path.join(REPO_ROOT, 'unity-project');

function metaFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(PROJECT, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(PROJECT, rel)).isDirectory()) out.push(...metaFiles(rel));
    else if (name.endsWith('.meta')) out.push(rel);
  }
  return out;
}

describe('the Unity project', () => {
  it('has a .meta with a unique GUID beside every asset, and none without its asset', () => {
    const assets = listAssets(PROJECT, 'Assets', generatedAsset);
    expect(assets.length).toBeGreaterThan(20);
    const guids = new Map<string, string>();
    for (const asset of assets) {
      const meta = path.join(PROJECT, `${asset.path}.meta`);
      expect({ asset: asset.path, meta: existsSync(meta) }).toEqual({ asset: asset.path, meta: true });
      const text = readFileSync(meta, 'utf8');
      const guid = /^guid: ([0-9a-f]{32})$/m.exec(text)?.[1];
      expect({ asset: asset.path, guid: Boolean(guid), folder: /folderAsset: yes/.test(text) }).toEqual({ asset: asset.path, guid: true, folder: asset.isFolder });
      expect(guids.get(guid!)).toBeUndefined();
      guids.set(guid!, asset.path);
    }
    for (const meta of metaFiles('Assets')) {
      const asset = meta.slice(0, -'.meta'.length);
      if (generatedAsset(asset)) continue;
      expect({ meta, asset: existsSync(path.join(PROJECT, asset)) }).toEqual({ meta, asset: true });
    }
    // The scripts' importer is Unity's C# one.
    expect(metaText('Assets/X.cs', false)).toContain('MonoImporter:');
  });

  it('pins glTFast 6.14.1 and PuerTS from the fetched release packages, for Unity 2022.3', () => {
    const manifest = JSON.parse(readFileSync(path.join(PROJECT, 'Packages', 'manifest.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies).toMatchObject({
      'com.unity.cloud.gltfast': '6.14.1',
      'com.tencent.puerts.core': 'file:com.tencent.puerts.core',
      'com.tencent.puerts.v8': 'file:com.tencent.puerts.v8',
      'com.unity.modules.imageconversion': '1.0.0',
    });
    expect(readFileSync(path.join(PROJECT, 'ProjectSettings', 'ProjectVersion.txt'), 'utf8')).toMatch(/^m_EditorVersion: 2022\.3\./);
    expect(readFileSync(path.join(PROJECT, '.gitignore'), 'utf8')).toContain('/Packages/com.tencent.puerts.core/');
  });

  it('ships the shaders the scripts load, under the names they load them by', () => {
    const shaders = path.join(PROJECT, 'Assets', 'ClonedPerson', 'Resources', 'ClonedPerson');
    const names = Object.fromEntries(readdirSync(shaders).filter((f) => f.endsWith('.shader')).map((f) => [f, /^Shader "([^"]+)"/m.exec(readFileSync(path.join(shaders, f), 'utf8'))?.[1]]));
    expect(names).toEqual({ 'Ground.shader': 'ClonedPerson/Ground', 'IdPass.shader': 'ClonedPerson/IdPass', 'Sky.shader': 'ClonedPerson/Sky' });
    const stage = readFileSync(path.join(PROJECT, 'TypeScript', 'src', 'unity-stage.ts'), 'utf8');
    for (const name of ['ClonedPerson/Ground', 'ClonedPerson/Sky']) expect(stage).toContain(`shader('${name}')`);
    expect(readFileSync(path.join(PROJECT, 'Assets', 'ClonedPerson', 'Scripts', 'IdPass.cs'), 'utf8')).toContain('Resources.Load<Shader>("ClonedPerson/IdPass")');
    const idPass = readFileSync(path.join(shaders, 'IdPass.shader'), 'utf8');
    expect([...idPass.matchAll(/"RenderType" = "(\w+)"/g)].map((m) => m[1])).toEqual(['Opaque', 'TransparentCutout', 'Transparent']);
  });
});
