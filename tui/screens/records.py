"""The keys that open the station's records — orders, upload records, devices — from the cart and from
the read-only support screen alike."""

from __future__ import annotations

from typing import Any, cast


class RecordScreens:
    def action_orders(self) -> None:
        from tui.screens.orders import OrdersScreen

        cast(Any, self).app.push_screen(OrdersScreen())

    def action_uploads(self) -> None:
        from tui.screens.uploads import UploadsScreen

        cast(Any, self).app.push_screen(UploadsScreen())

    def action_devices(self) -> None:
        from tui.screens.devices import DevicesScreen

        cast(Any, self).app.push_screen(DevicesScreen())
