mod ninjs;
mod pathological;
mod templates;
