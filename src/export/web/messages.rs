//! The files a client-side Fluent runtime reads: each published locale's `messages.json` (every
//! message formatted, written as it is serialized) and its `.ftl` files beside it.

use super::*;

impl<'a> SiteModel<'a> {
    /// `/{locale}/messages.json`, for a client-side Fluent runtime.
    pub(super) fn messages_file(&self, locale: &LocaleSite) -> SiteFile {
        let site = &self.site;
        let tag = locale.tag();
        SiteFile {
            path: messages_path(tag),
            contents: crate::export::json::messages_json(
                site.project,
                site.catalog,
                site.localizer,
                tag,
            )
            .into_bytes(),
        }
    }

    /// Writes [`Self::messages_file`] into the site folder `root` as it is serialized.
    pub(super) fn write_messages_file(
        &self,
        locale: &LocaleSite,
        root: &Path,
    ) -> Result<(), WebError> {
        let site = &self.site;
        let tag = locale.tag();
        let path = root.join(messages_path(tag));
        let write_err = |source| WebError::Write {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(write_err)?;
        }
        let file = std::fs::File::create(&path).map_err(write_err)?;
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, file);
        crate::export::json::write_messages_json(
            site.project,
            site.catalog,
            site.localizer,
            tag,
            &mut out,
        )
        .and_then(|()| std::io::Write::flush(&mut out))
        .map_err(write_err)
    }

    /// The locale's `.ftl` files (path in the site, text), published beside `messages.json`.
    pub(super) fn resources<'s>(
        &'s self,
        locale: &LocaleSite<'a>,
    ) -> impl Iterator<Item = (String, &'s str)> + 's {
        let tag = locale.tag();
        let files = self
            .site
            .catalog
            .locale(tag)
            .map_or(&[][..], |c| &c.files[..]);
        files.iter().map(move |file| {
            (
                format!("{tag}/{}/{}", crate::export::json::FTL_DIR, file.relative),
                file.text.as_str(),
            )
        })
    }
}

/// Where a locale's `messages.json` goes in the site.
pub(super) fn messages_path(tag: &str) -> String {
    format!("{tag}/messages.json")
}
