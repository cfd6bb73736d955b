"""Parts of the Appraisal tab: the grid view, the source pane, the analysis page."""
