"""A realistic, deterministic demo catalog: Chinese product names, valid EAN-13 barcodes, and prices
for the three product types."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

_ITEMS = [
    ("乾電池 3號 4入", 105), ("口罩 成人 50入", 210), ("鮮乳 936ml", 98), ("礦泉水 600ml", 20),
    ("綠茶 無糖 600ml", 25), ("洋芋片 原味", 39), ("泡麵 紅燒牛肉", 29), ("衛生紙 12包", 199),
    ("洗碗精 補充包", 79), ("牙膏 薄荷", 89), ("洗髮精 400ml", 169), ("原子筆 黑", 15),
    ("便條紙", 35), ("咖啡 拿鐵", 55), ("豆漿 無糖", 30), ("茶葉蛋", 13), ("御飯糰 鮪魚", 35),
    ("香蕉 一串", 45), ("蘋果 富士", 39), ("雨傘 折疊", 299), ("充電線 USB-C", 249), ("保溫瓶 500ml", 599),
    ("巧克力 70%", 65), ("餅乾 蘇打", 32), ("米 2kg", 189), ("醬油 500ml", 75), ("鹽 1kg", 22),
]
_VARIANTS = ["", "（大）", "（家庭號）", "（促銷組）", "（新品）", "（經典）", "（限定）", "（輕量）"]
GS1_TAIWAN = "471"


def ean13_check_digit(first12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def ean13(serial: int) -> str:
    body = f"{GS1_TAIWAN}{serial:09d}"
    return body + ean13_check_digit(body)


@dataclass(frozen=True)
class DemoProduct:
    sku: str
    barcode: str
    name: str
    price_regular: int
    price_addon: int | None
    price_gift: int | None


def demo_products(count: int = 200) -> Iterator[DemoProduct]:
    for index in range(count):
        base, price = _ITEMS[index % len(_ITEMS)]
        variant = _VARIANTS[(index // len(_ITEMS)) % len(_VARIANTS)]
        regular = price + 10 * (index // len(_ITEMS))
        yield DemoProduct(
            sku=f"SKU{index + 1:05d}",
            barcode=ean13(index + 1),
            name=base + variant,
            price_regular=regular,
            # Every third item can be bought as an add-on at about 80%; every fifth is a gift item.
            price_addon=regular * 8 // 10 if index % 3 == 0 else None,
            price_gift=0 if index % 5 == 0 else None,
        )
