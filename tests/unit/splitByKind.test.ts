// A geojson.io file mixing points and lines opens as one draft per kind.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitByKind } from '../../src/lib/editor/split';

const mixed = readFileSync(new URL('../fixtures/ordinary/geojsonio-mixed.geojson', import.meta.url), 'utf8');

describe('a file that mixes kinds of geometry', () => {
	it('is split into one file a kind, each a FeatureCollection of its own features', () => {
		const parts = splitByKind(mixed, 'geojsonio-mixed.geojson')!;
		expect(parts.map((p) => [p.name, p.kind, p.count])).toEqual([
			['geojsonio-mixed-points.geojson', 'point', 1],
			['geojsonio-mixed-lines.geojson', 'line', 1]
		]);
		const lines = JSON.parse(parts[1].text);
		expect(lines.type).toBe('FeatureCollection');
		expect(lines.features[0].geometry.type).toBe('LineString');
		expect(lines.features[0].properties).toEqual({ stroke: '#7e7e7e' });
	});

	it('is left whole when it holds one kind, or is not a collection', () => {
		expect(splitByKind(readFileSync(new URL('../fixtures/ordinary/geojsonio-zones.geojson', import.meta.url), 'utf8'), 'zones.geojson')).toBeNull();
		expect(splitByKind('{"type":"Feature"}', 'x.geojson')).toBeNull();
		expect(splitByKind('not json', 'x.geojson')).toBeNull();
	});
});
