export const handler = async (event) => ({ module: "esm.mjs", value: event.value });
