"""The OpenAPI schema documents error answers and anonymous reads (ops.openapi)."""


def test_every_operation_documents_its_errors(client, db):
    schema = client.get("/api/schema/?format=json").json()
    operations = [
        (path, method, op)
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]
    assert len(operations) > 20
    for path, method, op in operations:
        for code in ("400", "401", "403", "404", "429", "503"):
            assert code in op["responses"], (path, method, code)
        if method == "delete":
            assert "409" in op["responses"], path
        if method == "get":
            # Anonymous reads: no credentials required ([] or an optional {} alternative).
            assert op["security"] == [] or {} in op["security"], path
        else:
            assert {} not in op.get("security", []), (path, method)
