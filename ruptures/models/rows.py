"""Model instances from the rows of a plain SQL read, built as the ORM builds them.

On the step submit, the ORM spent more CPU composing a SELECT than the
database spent answering it. The few reads on that path are written out as
SQL once; `Columns` names one model's columns in such a SELECT and turns its
slice of a row back into an instance: the ORM's own converters run (JSON
decoded, SQLite's datetimes and booleans parsed) and the fields left out are
deferred, loaded on first access like any deferred field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper


class Columns:
    """The columns of `model` under the table alias `alias`: `only` those, or all but `defer`."""

    def __init__(
        self,
        model: type[models.Model],
        alias: str,
        *,
        only: Sequence[str] = (),
        defer: Sequence[str] = (),
    ):
        self.model = model
        self.alias = alias
        # In the model's order, which Model.from_db expects.
        self.fields = [
            f
            for f in model._meta.concrete_fields
            if (f.name in only if only else f.name not in defer)
        ]
        self.names = frozenset(f.attname for f in self.fields)
        self._converters: dict[str, list[tuple[int, list, Any]]] = {}

    def __len__(self) -> int:
        return len(self.fields)

    def sql(self, connection: BaseDatabaseWrapper) -> str:
        """`"alias"."column", ...` for a SELECT list."""
        quote = connection.ops.quote_name
        return ", ".join(f"{quote(self.alias)}.{quote(f.column)}" for f in self.fields)

    def values(self, row: Sequence[Any], start: int, connection: BaseDatabaseWrapper) -> list[Any]:
        """The fields' values in `row[start:start + len(self)]`, as Python values."""
        values = list(row[start : start + len(self.fields)])
        for index, converters, column in self._converters_for(connection):
            value = values[index]
            for converter in converters:
                value = converter(value, column, connection)
            values[index] = value
        return values

    def instance(
        self, row: Sequence[Any], start: int, connection: BaseDatabaseWrapper
    ) -> models.Model:
        """The instance made of `row[start:start + len(self)]`; other fields are deferred."""
        return self.model.from_db(
            connection.alias, self.names, self.values(row, start, connection)
        )

    def _converters_for(self, connection: BaseDatabaseWrapper) -> list[tuple[int, list, Any]]:
        # What SQLCompiler.get_converters finds for these columns; the same for every row.
        found = self._converters.get(connection.alias)
        if found is None:
            found = []
            for index, field in enumerate(self.fields):
                column = field.get_col(self.alias)
                converters = connection.ops.get_db_converters(column) + column.get_db_converters(
                    connection
                )
                if converters:
                    found.append((index, converters, column))
            self._converters[connection.alias] = found
        return found


class Insert:
    """One INSERT of `model`'s rows in plain SQL; the database's choices come back (RETURNING).

    The key and the fields with a database default (`db_default`) are the
    database's to fill, as `Model.save()` leaves them. No signals are sent:
    models written this way have no receivers.
    """

    def __init__(self, model: type[models.Model]):
        meta = model._meta
        returned = [f.name for f in meta.concrete_fields if f.primary_key or f.has_db_default()]
        self.returned = Columns(model, "", only=returned)
        self.fields = [f for f in meta.concrete_fields if f.name not in returned]
        self._sql: dict[str, str] = {}

    def __call__(self, instance: models.Model, connection: BaseDatabaseWrapper) -> None:
        params = [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in self.fields]
        with connection.cursor() as cursor:
            cursor.execute(self._sql_for(connection), params)
            row = cursor.fetchone()
        for field, value in zip(
            self.returned.fields, self.returned.values(row, 0, connection), strict=True
        ):
            setattr(instance, field.attname, value)
        instance._state.adding = False
        instance._state.db = connection.alias

    def _sql_for(self, connection: BaseDatabaseWrapper) -> str:
        sql = self._sql.get(connection.alias)
        if sql is None:
            quote = connection.ops.quote_name
            sql = self._sql[connection.alias] = (
                f"INSERT INTO {quote(self.returned.model._meta.db_table)}"
                f" ({', '.join(quote(f.column) for f in self.fields)})"
                f" VALUES ({', '.join(['%s'] * len(self.fields))})"
                f" RETURNING {', '.join(quote(f.column) for f in self.returned.fields)}"
            )
        return sql
