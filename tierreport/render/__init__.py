"""Rendering: one typed context shared by the HTML site (``html``) and the PDF (``pdf``)."""
