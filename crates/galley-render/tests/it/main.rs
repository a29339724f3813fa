mod ninjs;
mod pathological;
