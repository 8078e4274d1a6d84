export const handler = async () => ({ module: "app.js as ESM" });
