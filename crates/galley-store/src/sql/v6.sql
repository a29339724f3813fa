-- Schema 6: an article keeps what its `.md` file holds that Galley does not own.
--
-- A mirror folder is shared with other tools: a Hugo post carries `draft: true`, `weight` and
-- `aliases`, an Obsidian note `cssclasses`, and files may be TOML or name the headline `title`.
-- Galley keeps these as the file wrote them (`galley_model::markdown_file::ForeignFrontMatter`,
-- as JSON) so that writing the file after an edit, and exporting the article, gives them back;
-- dropping `draft` would let Hugo publish the post. NULL for an article Galley wrote, which is
-- every article before this step. Revisions keep it in their snapshots of the fields.
ALTER TABLE articles ADD COLUMN foreign_front_matter TEXT;
