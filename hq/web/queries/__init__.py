"""Read-side queries behind the pages, one module per page group; pages only render what these return."""
