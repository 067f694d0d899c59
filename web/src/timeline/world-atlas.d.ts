/*
 * world-atlas ships its TopoJSON as bare .json files without types; declared here, so that tsc does not infer a type
 * from three quarters of a megabyte of arcs.
 */
declare module "world-atlas/countries-50m.json" {
  import type { GeometryCollection, Topology } from "topojson-specification";
  const countries: Topology<{ countries: GeometryCollection<{ name: string }>; land: GeometryCollection }>;
  export default countries;
}
