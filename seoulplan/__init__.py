"""seoulplan: budget and KPI calculator for Seoul's 2020 work plan."""

__version__ = "0.1.0"
