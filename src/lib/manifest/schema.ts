import * as v from 'valibot';

export const KINDS = ['fill', 'line', 'point', 'zone', 'choropleth'] as const;
const RENDERERS = ['maplibre', 'deck'] as const;
export const CONFIDENCE = ['confirmed', 'reported', 'uncertain'] as const;

const oneOf = <T extends readonly string[]>(values: T) => v.picklist(values, (issue) => `one of ${values.join(', ')} expected, ${issue.received} found`);

/**
 * Whether a text shows anything: a space, a line break, a zero-width or a direction mark (all of
 * Unicode's format characters) show nothing, and a name made only of them is no name.
 */
export const isVisibleText = (text: unknown): text is string => typeof text === 'string' && text.replace(/[\s\p{Cc}\p{Cf}\p{Z}]/gu, '') !== '';
const nonEmpty = v.pipe(
	v.string(),
	v.trim(),
	v.check(
		(text) => isVisibleText(text),
		(issue) => (issue.input === '' ? 'must not be empty' : 'must not be empty (spaces and invisible characters do not count)')
	)
);

/**
 * Property names maplibre cannot hand to its drawing worker, measured on its serializer
 * (tests/unit/propertyKeys.test.ts): `constructor`, `hasOwnProperty` and a `$name` throw in the
 * transfer, so the whole layer is not drawn; `__proto__` is dropped on the way.
 */
export const UNSAFE_PROPERTY_KEYS = ['constructor', 'hasOwnProperty', '$name', '__proto__'] as const;
export const unsafeKey = (key: string) => (UNSAFE_PROPERTY_KEYS as readonly string[]).includes(key);

/** Why `key` cannot name a property (or any member of a feature or collection), naming every such key: one sentence for the GeoJSON property and the CSV column. */
export const unsafeKeyMessage = (key: string) =>
	`"${key}" cannot be a property's name: the map draws no layer with a property named ${UNSAFE_PROPERTY_KEYS.slice(0, -1).join(', ')} or ${UNSAFE_PROPERTY_KEYS.at(-1)}; rename it`;

/** A field of the manifest naming a feature property (a card's row, a category, a radius): never one no feature may have. */
const propertyName = v.pipe(
	nonEmpty,
	v.check(
		(key) => !unsafeKey(key),
		(issue) => unsafeKeyMessage(issue.input as string)
	)
);
export const slug = v.pipe(
	v.string(),
	v.regex(/^[a-z0-9][a-z0-9-]*$/, (i) => `a lowercase slug like "hubs" expected, ${i.received} found`)
);
/**
 * The longest layer id: the id names the layer's file (`geodata/<id>.geojson`), and a file name has
 * at most 255 bytes; 64 is three times the longest id the atlas has, and leaves room to spare.
 */
export const MAX_LAYER_ID = 64;
const layerIdTooLong = (id: string) => `at most ${MAX_LAYER_ID} characters (it names the file geodata/<id>.geojson), ${id.length} found: choose a shorter id`;
const layerId = v.pipe(
	slug,
	v.maxLength(MAX_LAYER_ID, (i) => layerIdTooLong(i.input as string))
);
/** Why `id` cannot be a layer's id (it names the layer's file), or null: one sentence for the command, the editor and the build. */
export function layerIdProblem(id: unknown): string | null {
	if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(id)) return `a lowercase slug like "hubs" expected, ${JSON.stringify(id)} found`;
	return id.length > MAX_LAYER_ID ? layerIdTooLong(id) : null;
}
/** Why `key` cannot be a new source's key in geodata/sources.json, or null: one sentence for the editor and `layer apply`. */
export function sourceKeyProblem(key: string): string | null {
	return /^[a-z0-9][a-z0-9-]*$/.test(key) ? null : `a key like "outlet-2025-09-04-slug" expected, ${JSON.stringify(key)} found`;
}
const colour = v.pipe(
	v.string(),
	v.regex(/^#[0-9a-fA-F]{6}$/, (i) => `a colour like "#1f77b4" expected, ${i.received} found`)
);
/** A calendar day that exists: valibot's isoDate checks the shape only, and 2025-02-30 must fail too. */
export const isRealDay = (d: string) => {
	const time = Date.parse(`${d}T00:00:00Z`);
	return !Number.isNaN(time) && new Date(time).toISOString().startsWith(d);
};
// the check runs after a failed isoDate too (valibot goes on), so it must not throw on "Sept 2025"
const isoDate = v.pipe(
	v.string(),
	v.isoDate((i) => `a date like "2025-09-04" expected, ${i.received} found`),
	v.check(isRealDay, (i) => `${i.input} is not a real date`)
);
/** A file in geodata/, or one folder down in it (`front/occupied-2025-09-04.geojson`). */
const layerFile = v.pipe(
	v.string(),
	v.regex(
		/^([a-z0-9][a-z0-9_-]*\/)?[a-z0-9][a-z0-9._-]*\.((geo)?json|pmtiles)$/,
		(i) => `a file name in geodata/ ending in .geojson or .pmtiles expected, ${i.received} found`
	)
);
const fraction = v.pipe(v.number(), v.minValue(0, 'must be between 0 and 1'), v.maxValue(1, 'must be between 0 and 1'));
const pixels = v.pipe(v.number(), v.minValue(0, 'must be 0 or more'), v.maxValue(40, 'must be 40 or less'));

const Category = v.strictObject({ value: v.string(), label: nonEmpty, color: colour });

const StyleSchema = v.strictObject({
	color: v.optional(colour),
	opacity: v.optional(fraction),
	width: v.optional(pixels),
	radius: v.optional(pixels),
	dash: v.optional(v.boolean()),
	hatch: v.optional(v.boolean()),
	/** point only: the property whose text labels each point on the map (with `<property>_uk` in Ukrainian), where it fits */
	label: v.optional(propertyName),
	/** Colour features by a property's value; the legend lists the categories with counts. */
	by: v.optional(v.strictObject({ property: propertyName, categories: v.pipe(v.array(Category), v.minLength(1, 'needs at least one category')) }))
});

export const LayerSchema = v.strictObject({
	id: layerId,
	title: nonEmpty,
	description: v.optional(v.string()),
	kind: oneOf(KINDS),
	renderer: v.optional(oneOf(RENDERERS)),
	/** the file drawn when no month is chosen: with `versions`, the latest of them */
	file: layerFile,
	/** .pmtiles only: the vector-tile layer inside the archive to draw */
	sourceLayer: v.optional(nonEmpty),
	style: StyleSchema,
	legend: v.optional(v.strictObject({ label: v.optional(nonEmpty), note: v.optional(v.string()) })),
	tooltip: v.optional(v.array(v.strictObject({ property: propertyName, label: nonEmpty }))),
	sources: v.pipe(v.array(nonEmpty), v.minLength(1, 'needs at least one source')),
	asOf: v.optional(isoDate),
	/** false: the features' dates are facts about places, not events: the time slider neither counts nor filters them */
	events: v.optional(v.boolean()),
	/** what the layer's date is for on a picture ("Front", "Coalition roles"); the title where none */
	dateLabel: v.optional(nonEmpty),
	/**
	 * Dated versions of the layer (the occupied area month by month), oldest first: the time slider
	 * draws the one in force at its month (the latest not after it), none before the first.
	 */
	versions: v.optional(v.pipe(v.array(v.strictObject({ asOf: isoDate, file: layerFile })), v.minLength(1, 'needs at least one version'))),
	visible: v.optional(v.boolean()),
	/** choropleth only: the feature property holding the ISO 3166-1 numeric code of the country to fill */
	joinProperty: v.optional(propertyName),
	/** zone only: the feature property holding the radius in kilometres */
	radiusProperty: v.optional(propertyName),
	/**
	 * The layer's words in the interface's other language (Ukrainian): its title, description, legend
	 * note and label, its categories' labels by value and its card's field labels by property. A
	 * feature's own texts sit beside the English as `<property>_uk` (`name_uk`, `note_uk`).
	 */
	i18n: v.optional(
		v.strictObject({
			uk: v.strictObject({
				title: nonEmpty,
				description: v.optional(v.string()),
				note: v.optional(v.string()),
				legendLabel: v.optional(nonEmpty),
				dateLabel: v.optional(nonEmpty),
				categories: v.optional(v.record(v.string(), nonEmpty)),
				fields: v.optional(v.record(v.string(), nonEmpty))
			})
		})
	)
});

export const ManifestSchema = v.strictObject({
	version: v.literal(1, (i) => `1 expected, ${i.received} found`),
	/** a layer whose asOf is older than this many days before the build is stale (default 90) */
	staleAfterDays: v.optional(v.pipe(v.number(), v.integer('a whole number of days expected'), v.minValue(1, 'must be 1 or more'))),
	layers: v.array(v.unknown())
});

/** A source's date may be partial ("2025" or "2025-09") when the outlet gives no day. */
const sourceDate = v.pipe(
	v.string(),
	v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, (i) => `a date like "2025-09-04", "2025-09" or "2025" expected, ${i.received} found`)
);

export const SourceSchema = v.strictObject({
	publisher: nonEmpty,
	title: nonEmpty,
	date: v.optional(sourceDate),
	// only web addresses: a javascript: or data: "source" must never become a link
	url: v.optional(
		v.pipe(
			v.string(),
			v.url((i) => `an address like "https://…" expected, ${i.received} found`),
			v.check(
				(u) => !URL.canParse(u) || /^https?:$/.test(new URL(u).protocol),
				(i) => `an http or https address expected, ${i.received} found`
			)
		)
	),
	kind: oneOf(['official', 'news', 'dataset'] as const),
	note: v.optional(v.string()),
	/** the note in Ukrainian; a source's title stays as published */
	note_uk: v.optional(v.string())
});

export type LayerDef = v.InferOutput<typeof LayerSchema>;
export type Kind = (typeof KINDS)[number];
export type Source = v.InferOutput<typeof SourceSchema>;
export type Bibliography = Record<string, Source>;
