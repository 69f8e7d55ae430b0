// The catalog fills CatalogModel's values; users of the catalog see them without a second import.
@_exported import CatalogModel
