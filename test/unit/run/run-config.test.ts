/**
 * The run config: errors that name the file and the field (or line), defaults that are the
 * stages' own, merging a file over them, paths resolved against the file's folder, and the
 * commented YAML of `config --defaults` reading back as the defaults.
 */
import { describe, expect, it } from '@jest/globals';
import YAML from 'yaml';
import { CLONE_DEFAULTS } from '../../../orchestrator/src/cloning/clone-outfit.js';
import { CLUSTER_DEFAULTS } from '../../../orchestrator/src/clustering/run-cluster.js';
import { DATASET_DEFAULTS } from '../../../orchestrator/src/dataset/write-dataset.js';
import { RENDER_DEFAULTS } from '../../../orchestrator/src/render-stage/render-stage.js';
import { formatRunConfig } from '../../../orchestrator/src/run/format-run-config.js';
import { checkConfigPaths, loadRunConfig, parseRunConfigText, resolveConfigPaths } from '../../../orchestrator/src/run/load-run-config.js';
import { RUN_CONFIG_DEFAULTS, resolveRunConfig } from '../../../orchestrator/src/run/run-config-defaults.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { DEFAULT_SEED } from '../../../orchestrator/src/shared/random.js';

function failure(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected an error');
}

describe('run config parsing', () => {
  it.each([
    ['an unknown option', 'render:\n  stpes: 3\n', 'run.yaml: /render: unexpected property "stpes"'],
    ['an unknown section', 'renders: {}\n', 'run.yaml: /: unexpected property "renders"'],
    ['a wrong type', 'clone:\n  sizePx: big\n', 'run.yaml: /clone/sizePx: must be integer'],
    ['a value out of range', 'render:\n  samplesPerAxis: 9\n', 'run.yaml: /render/samplesPerAxis: must be <= 4'],
    ['a choice that does not exist', 'cluster:\n  method: kmeans\n', 'run.yaml: /cluster/method: must be one of'],
    ['a cross-field rule', 'cluster:\n  perCluster: 3\n  trainPerCluster: 5\n', 'run.yaml: /cluster/trainPerCluster: must be at most perCluster (3)'],
  ])('refuses %s with E_CONFIG_INVALID naming the field', (_name, text, message) => {
    const error = failure(() => parseRunConfigText(text, 'run.yaml'));
    expect(error.code).toBe('E_CONFIG_INVALID');
    expect(error.message.startsWith(message)).toBe(true);
  });

  it('names the line and column of a YAML syntax error', () => {
    const error = failure(() => parseRunConfigText('render:\n  scenes: [street\nseed: 2\n', 'run.yaml'));
    expect(error.code).toBe('E_CONFIG_INVALID');
    expect(error.message).toMatch(/^run\.yaml:\d+:\d+: not valid YAML/);
  });

  it('reads an empty file as all defaults, and JSON as well as YAML', () => {
    expect(resolveRunConfig(parseRunConfigText('', 'run.yaml'))).toEqual(RUN_CONFIG_DEFAULTS);
    expect(parseRunConfigText('{"seed": 4, "render": {"steps": 10}}', 'run.json')).toEqual({ seed: 4, render: { steps: 10 } });
  });
});

describe('run config defaults', () => {
  it('are the stages\' own defaults', () => {
    expect(RUN_CONFIG_DEFAULTS.seed).toBe(DEFAULT_SEED);
    expect(RUN_CONFIG_DEFAULTS.clone).toMatchObject({ sizePx: CLONE_DEFAULTS.sizePx, refine: CLONE_DEFAULTS.refine, nearestTemplates: CLONE_DEFAULTS.nearestTemplates });
    expect(RUN_CONFIG_DEFAULTS.cluster).toMatchObject({ minSamples: CLUSTER_DEFAULTS.minSamples, k1: CLUSTER_DEFAULTS.rerankOptions.k1, lambda: CLUSTER_DEFAULTS.rerankOptions.lambda });
    expect(RUN_CONFIG_DEFAULTS.render).toMatchObject({ encoding: RENDER_DEFAULTS.encoding, jpegQuality: RENDER_DEFAULTS.jpegQuality, samplesPerAxis: RENDER_DEFAULTS.samplesPerAxis });
    expect(RUN_CONFIG_DEFAULTS.dataset).toMatchObject({ cropRule: DATASET_DEFAULTS.cropRule, layout: DATASET_DEFAULTS.layout });
    // every qualified person becomes a character unless the config asks for a selection
    expect(RUN_CONFIG_DEFAULTS.cluster.method).toBe('all');
  });

  it('merge a file over them field by field, replacing lists', () => {
    const config = resolveRunConfig({ seed: 7, render: { scenes: ['plaza', 'hall'], steps: 5 }, clone: { sizePx: 256 } });
    expect(config.seed).toBe(7);
    expect(config.render).toEqual({ ...RUN_CONFIG_DEFAULTS.render, scenes: ['plaza', 'hall'], steps: 5 });
    expect(config.clone).toEqual({ ...RUN_CONFIG_DEFAULTS.clone, sizePx: 256 });
    expect(config.characters).toEqual(RUN_CONFIG_DEFAULTS.characters);
    // over another base (the demo's)
    expect(resolveRunConfig({ clone: { refine: false } }, config).clone).toEqual({ ...config.clone, refine: false });
  });

  it('print as commented YAML that reads back as the defaults', () => {
    const text = formatRunConfig(RUN_CONFIG_DEFAULTS, 'header line');
    expect(text.startsWith('# header line\n')).toBe(true);
    expect(text).toContain('# Side of the square UV textures, pixels.\n  sizePx: 1024');
    expect(resolveRunConfig(parseRunConfigText(text, 'defaults.yaml'))).toEqual(RUN_CONFIG_DEFAULTS);
    expect(YAML.parse(text)).toEqual(JSON.parse(JSON.stringify(RUN_CONFIG_DEFAULTS)));
  });
});

describe('run config paths', () => {
  it('resolves the files a config names against its folder, and bundled scene names stay names', () => {
    const config = resolveConfigPaths({ clone: { catalog: 'cat' }, characters: { mhSysData: '/abs/mh' }, render: { scenes: ['street', 'mine/scene.yaml'] } }, '/cfg');
    expect(config).toEqual({ clone: { catalog: '/cfg/cat' }, characters: { mhSysData: '/abs/mh' }, render: { scenes: ['street', '/cfg/mine/scene.yaml'] } });
  });

  it('refuses a named file that does not exist, with E_INPUT_MISSING naming the field', async () => {
    const files = createMemoryFileStore({ '/cfg/run.yaml': 'clone:\n  catalog: missing-catalog\n', '/cfg/ok.yaml': 'render:\n  scenes: [street, s.yaml]\n', '/cfg/s.yaml': 'x' });
    await expect(loadRunConfig('/cfg/run.yaml', files)).rejects.toMatchObject({ code: 'E_INPUT_MISSING', message: 'no such file or folder: /cfg/missing-catalog (/cfg/run.yaml: /clone/catalog)' });
    const loaded = await loadRunConfig('/cfg/ok.yaml', files);
    expect(loaded.config.render?.scenes).toEqual(['street', '/cfg/s.yaml']);
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(checkConfigPaths({ render: { scenes: ['/cfg/gone.yaml'] } }, 'x.yaml', files)).rejects.toMatchObject({ message: 'no such file or folder: /cfg/gone.yaml (x.yaml: /render/scenes/0)' });
  });
});
