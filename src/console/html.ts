import htm from 'htm';
import { h, type VNode } from 'preact';

/** Preact through tagged templates: no JSX, so no compile step beyond bundling. */
export const html = htm.bind(h) as (strings: TemplateStringsArray, ...values: unknown[]) => VNode;
