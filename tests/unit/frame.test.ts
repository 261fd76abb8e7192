import { describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { boundsOf, dataFrame, featuresIn } from '../../src/lib/geo/frame';
import { cameraBounds, fitCamera } from '../../src/lib/geo/camera';
import type { BBox } from '../../src/lib/geo/types';
import { boxFeature as country } from './boxes';
import { latitudeAt, MAX_LATITUDE, mercator } from '../../src/lib/geo/mercator';

const point = (lng: number, lat: number): Feature => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [lng, lat] } });
// the atlas's opening view: the Atlantic to the Caspian
const EUROPE: BBox = [-25, 33, 60, 70];

describe('what an exported image frames', () => {
	it('is the data drawn, not the empty land and sea of the view', () => {
		const hubs = { kind: 'point', features: [point(22.02, 50.11), point(23.88, 46.5)] };
		expect(dataFrame([hubs], EUROPE)).toEqual([22.02, 46.5, 23.88, 50.11]);
	});

	it('leaves out the countries a choropleth colours, which reach past the map', () => {
		const coalition = { kind: 'choropleth', features: [country(-141, 41, -52, 83), country(-5, 42, 8, 51)] };
		const zone = { kind: 'zone', features: [country(20, 44, 30, 48)] };
		expect(dataFrame([coalition, zone], EUROPE)).toEqual([20, 44, 30, 48]);
		expect(dataFrame([coalition], EUROPE)).toBeNull();
	});

	it('is cut to the view, so a reader zoomed in on the front exports the front', () => {
		const occupied = { kind: 'fill', features: [country(32, 44, 40, 50)] };
		const incursions = { kind: 'point', features: [point(22, 50), point(37.2, 48.3)] };
		const pokrovsk: BBox = [36.5, 47.9, 37.8, 48.6];
		expect(dataFrame([occupied, incursions], pokrovsk)).toEqual([36.5, 47.9, 37.8, 48.6]);
		expect(dataFrame([incursions], pokrovsk)).toEqual([37.2, 48.3, 37.2, 48.3]);
		expect(dataFrame([incursions], [0, 0, 10, 10])).toBeNull();
	});
});

describe('the box a camera shows', () => {
	it('is what maplibre shows at that centre, zoom and window', () => {
		// at zoom 0 a 512 px window shows the whole world's width, and the equator sits in the middle
		const [w, s, e, n] = cameraBounds([0, 0], 0, 512, 512);
		expect([w, e]).toEqual([-180, 180]);
		expect(s).toBeCloseTo(-85.0511, 3);
		expect(n).toBeCloseTo(85.0511, 3);
		// the hubs scene (zoom 5 at 24°E 48.5°N) on a 1280 x 800 desktop: about 28° of longitude
		const hubs = cameraBounds([24, 48.5], 5, 1280, 800);
		expect(hubs[2] - hubs[0]).toBeCloseTo(28.125, 3);
		expect(hubs[1]).toBeLessThan(48.5);
		expect(hubs[3]).toBeGreaterThan(48.5);
	});
});

describe('Web Mercator', () => {
	it('puts the equator and the meridian in the middle of the world, and latitudeAt undoes it', () => {
		expect(mercator([0, 0])).toEqual([0.5, 0.5]);
		for (const lat of [-60, -12.5, 0, 48.28, 70]) expect(latitudeAt(mercator([37, lat])[1])).toBeCloseTo(lat, 9);
		// the world is square: its last latitude lies on the top edge
		expect(mercator([180, MAX_LATITUDE])).toEqual([1, expect.closeTo(0, 6)]);
	});
});

describe('the camera that fits a box in a window (a scene on a phone)', () => {
	// the hubs scene's points, Rzeszów to Câmpia Turzii
	const HUBS: BBox = [21.91, 46.5, 23.88, 50.11];

	it('centres the box as the map draws it and fits it, zoomed out only as far as it must', () => {
		const { center, zoom } = fitCamera(HUBS, 300, 380, { maxZoom: 8 });
		const [w, s, e, n] = cameraBounds(center, zoom, 300, 380);
		// the whole box is in the window, and one side of it fills the window's side (no wider than needed)
		expect(w).toBeLessThanOrEqual(HUBS[0] + 1e-9);
		expect(e).toBeGreaterThanOrEqual(HUBS[2] - 1e-9);
		expect(s).toBeLessThanOrEqual(HUBS[1] + 1e-9);
		expect(n).toBeGreaterThanOrEqual(HUBS[3] - 1e-9);
		const filled = Math.max(
			(HUBS[2] - HUBS[0]) / (e - w),
			(mercator([0, HUBS[1]])[1] - mercator([0, HUBS[3]])[1]) / (mercator([0, s])[1] - mercator([0, n])[1])
		);
		expect(filled).toBeCloseTo(1, 6);
		// the centre is the box's middle in Mercator: its latitude lies north of the mean of the two
		expect(center[0]).toBeCloseTo(22.895, 6);
		expect(center[1]).toBeGreaterThan((HUBS[1] + HUBS[3]) / 2);
		expect(center[1]).toBeCloseTo(latitudeAt((mercator([0, HUBS[1]])[1] + mercator([0, HUBS[3]])[1]) / 2), 9);
	});

	it('never comes closer than the scene’s own zoom, nor goes further out than the floor', () => {
		expect(fitCamera(HUBS, 1280, 800, { maxZoom: 4.9 }).zoom).toBe(4.9);
		const single = fitCamera([30, 50, 30, 50], 300, 300, { maxZoom: 6 });
		expect(single.zoom).toBe(6);
		expect(single.center[0]).toBe(30);
		expect(single.center[1]).toBeCloseTo(50, 9);
		// Europe in a window 100 px wide would need zoom 0.4: the floor holds
		expect(fitCamera([-25, 33, 60, 70], 100, 100, { maxZoom: 3.2, minZoom: 2 }).zoom).toBe(2);
	});

	it('fits a phone’s uncovered map close to the desktop’s zoom: the hubs at 4.9 on 1280 × 800 stay within 2 levels on 316 × 372', () => {
		const desktop = cameraBounds([24.5, 48.3], 4.9, 1280, 800);
		const phone = fitCamera(dataFrame([{ kind: 'point', features: [point(21.91, 50.11), point(23.88, 46.5)] }], desktop)!, 316, 372, { maxZoom: 4.9 });
		expect(phone.zoom).toBeGreaterThan(4.9 - 2);
	});
});

describe('the box of several shapes (the front, for "zoom to the front")', () => {
	it('spans every shape given and skips those without one', () => {
		const a = country(32, 44, 40, 50).geometry;
		const b = point(22, 51).geometry;
		expect(boundsOf(a, null, b)).toEqual([22, 44, 40, 51]);
		expect(boundsOf(null, undefined)).toBeNull();
	});
});

describe('the features an image of a box shows (the export key)', () => {
	it('a country is in the box only where one of its parts is, not wherever its overseas parts span', () => {
		// France: the mainland and French Guiana, whose box together spans the Atlantic
		const france: Feature = {
			type: 'Feature',
			properties: { name: 'France' },
			geometry: {
				type: 'MultiPolygon',
				coordinates: [
					[
						[
							[-5, 42],
							[8, 42],
							[8, 51],
							[-5, 51],
							[-5, 42]
						]
					],
					[
						[
							[-54.6, 2],
							[-51.6, 2],
							[-51.6, 5.8],
							[-54.6, 5.8],
							[-54.6, 2]
						]
					]
				]
			}
		};
		const donbas: BBox = [32, 45, 43, 50];
		const atlantic: BBox = [-30, 20, -20, 30];
		expect(featuresIn([france], donbas)).toEqual([]);
		expect(featuresIn([france], atlantic)).toEqual([]);
		expect(featuresIn([france], [0, 45, 2, 47])).toEqual([france]);
		expect(featuresIn([point(37.5, 48)], donbas)).toHaveLength(1);
	});
});
