# Rules JSON Schema cannot state (the OpenAPI document says them in words): requests
# schemathesis generates that break one are left out of its examples, as a client
# reading the document would not send them.
import re

import schemathesis

# What the server refuses in event metadata as personal data (src/server/api/track.rs).
PII = {
    "email", "mail", "phone", "telephone", "mobile", "firstname", "lastname",
    "fullname", "surname", "name", "customername", "address", "street", "postcode",
    "zip", "zipcode", "postalcode", "ip", "ipaddress", "password", "creditcard",
    "cardnumber", "iban", "ssn", "dni", "birthdate", "dateofbirth", "dob",
}
EMAIL = re.compile(r"^[^@]+@[^@]*\.[^@]*$")


def keys_unique(snap):
    items = snap.get("items")
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return True
    keys = [repr(i.get("key")) for i in items]
    return len(keys) == len(set(keys))


def no_personal_data(metadata):
    for key, value in metadata.items():
        folded = key.replace("_", "").replace("-", "").lower()
        if folded in PII or any(w in folded for w in ("email", "phone", "password")):
            return False
        if isinstance(value, str) and " " not in value.strip() and EMAIL.match(value.strip()):
            return False
    return True


@schemathesis.hook
def filter_body(context, body):
    if not isinstance(body, dict):
        return True
    if isinstance(body.get("cartSnapshot"), dict) and not keys_unique(body["cartSnapshot"]):
        return False
    if isinstance(body.get("metadata"), dict) and not no_personal_data(body["metadata"]):
        return False
    return True
