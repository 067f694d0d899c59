/*
 * The web reads the engine's result types from src/ (`import type`, erased from the bundle). Checking them makes tsc
 * follow their imports into engine files that use Node's built-in modules; the web has no Node types (nor should it),
 * so those modules are opaque here. Nothing of src/ runs in the browser.
 */
declare module "node:*";
