"""lacha — chấm tiêu chí "xã, phường sạch ma túy / không ma túy" từ danh sách Excel."""

__version__ = "0.1.0"
