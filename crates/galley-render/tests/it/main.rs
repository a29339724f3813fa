mod ninjs;
mod pathological;
mod template_output;
mod templates;
