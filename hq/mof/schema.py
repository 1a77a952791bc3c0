"""The XML Schema every MIG 4.1 message is checked against before it leaves HQ (lxml.etree.XMLSchema).

We write these schemas ourselves from the public MIG 4.1 field rules, because the platform's own XSD files
ship inside Turnkey and are not ours to redistribute. Sources for the element order and facets:
- MIG 4.1 (「電子發票資料交換標準訊息建置指引 Ver 4.1」, https://www.einvoice.nat.gov.tw/static/ptl/ein_upload/
  download/5380.pdf), as quoted by public generators that validate against the platform XSD:
  ho600-ltd/django-taiwan-einvoice (turnkey_web/turnkey_wrapper/models.py: F0401/F0501/E0402 root names and
  namespaces), a seller's self-check report that passed the platform's XSD with F0401/F0501/G0401/G0501/E0402
  (G0401 ProductItem carries AllowanceSequenceNumber and no SequenceNumber, its Amount only TaxAmount and
  TotalAmount; G0501 is flat like F0501), and E0402 generators (root BranchTrackBlank, Main then
  Details/BranchTrackBlankItem).
- Where the MIG allows more than we ever send (exchange rates, customs marks, bonded areas…), the schema keeps
  the optional element in its place so a message we build can never be out of order, but we never emit it.

The schema is deliberately strict where our data is: money is whole NT$ (decimal, no fraction digits sent),
quantities are integers, invoice numbers are `[A-Z]{2}[0-9]{8}`. A message that fails is held, never sent.
"""

from __future__ import annotations

import functools

from lxml import etree

MIG_VERSION = "4.1"
KINDS = ("F0401", "F0501", "G0401", "G0501", "E0402")


def namespace(kind: str) -> str:
    return f"urn:GEINV:eInvoiceMessage:{kind}:{MIG_VERSION}"


# Simple types shared by every message (MIG 4.1 "資料型態"); decimals as in the MIG: up to 20 digits, 7 after the
# point; dates YYYYMMDD (Gregorian); times HH:MM:SS.
_TYPES = """
  <xs:simpleType name="InvoiceNumber"><xs:restriction base="xs:string">
    <xs:length value="10"/><xs:pattern value="[A-Z]{2}[0-9]{8}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Date"><xs:restriction base="xs:string">
    <xs:pattern value="(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Time"><xs:restriction base="xs:string">
    <xs:pattern value="([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="BAN"><xs:restriction base="xs:string">
    <xs:pattern value="[0-9]{8}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Identifier"><xs:restriction base="xs:string">
    <xs:pattern value="[0-9]{8}|0{10}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Decimal"><xs:restriction base="xs:decimal">
    <xs:totalDigits value="20"/><xs:fractionDigits value="7"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Money"><xs:restriction base="xs:decimal">
    <xs:totalDigits value="20"/><xs:fractionDigits value="0"/><xs:minInclusive value="0"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="TaxType"><xs:restriction base="xs:string">
    <xs:enumeration value="1"/><xs:enumeration value="2"/><xs:enumeration value="3"/>
    <xs:enumeration value="4"/><xs:enumeration value="9"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Text500"><xs:restriction base="xs:string">
    <xs:minLength value="1"/><xs:maxLength value="500"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Text200"><xs:restriction base="xs:string">
    <xs:maxLength value="200"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Reason"><xs:restriction base="xs:string">
    <xs:minLength value="1"/><xs:maxLength value="20"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Track"><xs:restriction base="xs:string">
    <xs:pattern value="[A-Z]{2}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="YearMonth"><xs:restriction base="xs:string">
    <xs:pattern value="[0-9]{3}(02|04|06|08|10|12)"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="InvoiceType"><xs:restriction base="xs:string">
    <xs:enumeration value="07"/><xs:enumeration value="08"/></xs:restriction></xs:simpleType>
"""

# MIG 4.1 RoleDescriptionType: Identifier, Name (1-60), then the optional contact fields in this order.
_ROLE = """
  <xs:complexType name="Role"><xs:sequence>
    <xs:element name="Identifier" type="Identifier"/>
    <xs:element name="Name"><xs:simpleType><xs:restriction base="xs:string">
      <xs:minLength value="1"/><xs:maxLength value="60"/></xs:restriction></xs:simpleType></xs:element>
    <xs:element name="Address" type="Text200" minOccurs="0"/>
    <xs:element name="PersonInCharge" type="Text200" minOccurs="0"/>
    <xs:element name="TelephoneNumber" type="Text200" minOccurs="0"/>
    <xs:element name="FacsimileNumber" type="Text200" minOccurs="0"/>
    <xs:element name="EmailAddress" type="Text200" minOccurs="0"/>
    <xs:element name="CustomerNumber" type="Text200" minOccurs="0"/>
    <xs:element name="RoleRemark" type="Text200" minOccurs="0"/>
  </xs:sequence></xs:complexType>
"""

_F0401 = """
  <xs:element name="Invoice"><xs:complexType><xs:sequence>
    <xs:element name="Main"><xs:complexType><xs:sequence>
      <xs:element name="InvoiceNumber" type="InvoiceNumber"/>
      <xs:element name="InvoiceDate" type="Date"/>
      <xs:element name="InvoiceTime" type="Time"/>
      <xs:element name="Seller" type="Role"/>
      <xs:element name="Buyer" type="Role"/>
      <xs:element name="BuyerRemark" type="xs:string" minOccurs="0"/>
      <xs:element name="MainRemark" type="Text200" minOccurs="0"/>
      <xs:element name="CustomsClearanceMark" type="xs:string" minOccurs="0"/>
      <xs:element name="Category" type="xs:string" minOccurs="0"/>
      <xs:element name="RelateNumber" type="Text200" minOccurs="0"/>
      <xs:element name="InvoiceType" type="InvoiceType"/>
      <xs:element name="GroupMark" type="xs:string" minOccurs="0"/>
      <xs:element name="DonateMark"><xs:simpleType><xs:restriction base="xs:string">
        <xs:enumeration value="0"/><xs:enumeration value="1"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element name="CarrierType" minOccurs="0"><xs:simpleType><xs:restriction base="xs:string">
        <xs:minLength value="1"/><xs:maxLength value="6"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element name="CarrierId1" minOccurs="0"><xs:simpleType><xs:restriction base="xs:string">
        <xs:minLength value="1"/><xs:maxLength value="64"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element name="CarrierId2" minOccurs="0"><xs:simpleType><xs:restriction base="xs:string">
        <xs:minLength value="1"/><xs:maxLength value="64"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element name="PrintMark"><xs:simpleType><xs:restriction base="xs:string">
        <xs:enumeration value="Y"/><xs:enumeration value="N"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element name="NPOBAN" minOccurs="0"><xs:simpleType><xs:restriction base="xs:string">
        <xs:pattern value="[0-9]{3,7}"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element name="RandomNumber" minOccurs="0"><xs:simpleType><xs:restriction base="xs:string">
        <xs:pattern value="[0-9]{4}"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element name="BondedAreaConfirm" type="xs:string" minOccurs="0"/>
      <xs:element name="ZeroTaxRateReason" type="xs:string" minOccurs="0"/>
      <xs:element name="Reserved1" type="Text200" minOccurs="0"/>
      <xs:element name="Reserved2" type="Text200" minOccurs="0"/>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="Details"><xs:complexType><xs:sequence>
      <xs:element name="ProductItem" minOccurs="1" maxOccurs="9999"><xs:complexType><xs:sequence>
        <xs:element name="Description" type="Text500"/>
        <xs:element name="Quantity" type="Decimal"/>
        <xs:element name="Unit" type="xs:string" minOccurs="0"/>
        <xs:element name="UnitPrice" type="Decimal"/>
        <xs:element name="TaxType" type="TaxType"/>
        <xs:element name="Amount" type="Decimal"/>
        <xs:element name="SequenceNumber"><xs:simpleType><xs:restriction base="xs:string">
          <xs:minLength value="1"/><xs:maxLength value="4"/></xs:restriction></xs:simpleType></xs:element>
        <xs:element name="Remark" type="Text200" minOccurs="0"/>
        <xs:element name="RelateNumber" type="Text200" minOccurs="0"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="Amount"><xs:complexType><xs:sequence>
      <xs:element name="SalesAmount" type="Money"/>
      <xs:element name="FreeTaxSalesAmount" type="Money"/>
      <xs:element name="ZeroTaxSalesAmount" type="Money"/>
      <xs:element name="TaxType" type="TaxType"/>
      <xs:element name="TaxRate" type="Decimal"/>
      <xs:element name="TaxAmount" type="Money"/>
      <xs:element name="TotalAmount" type="Money"/>
      <xs:element name="DiscountAmount" type="Money" minOccurs="0"/>
      <xs:element name="OriginalCurrencyAmount" type="Decimal" minOccurs="0"/>
      <xs:element name="ExchangeRate" type="Decimal" minOccurs="0"/>
      <xs:element name="Currency" type="xs:string" minOccurs="0"/>
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
"""

# F0501 (作廢) and G0501 (作廢折讓) are flat: no Main/Seller/Buyer nesting.
_F0501 = """
  <xs:element name="CancelInvoice"><xs:complexType><xs:sequence>
    <xs:element name="CancelInvoiceNumber" type="InvoiceNumber"/>
    <xs:element name="InvoiceDate" type="Date"/>
    <xs:element name="BuyerId" type="Identifier"/>
    <xs:element name="SellerId" type="BAN"/>
    <xs:element name="CancelDate" type="Date"/>
    <xs:element name="CancelTime" type="Time"/>
    <xs:element name="CancelReason" type="Reason"/>
    <xs:element name="ReturnTaxDocumentNumber" type="Text200" minOccurs="0"/>
    <xs:element name="Remark" type="Text200" minOccurs="0"/>
    <xs:element name="Reserved1" type="Text200" minOccurs="0"/>
    <xs:element name="Reserved2" type="Text200" minOccurs="0"/>
  </xs:sequence></xs:complexType></xs:element>
"""

_ALLOWANCE_NUMBER = """
  <xs:simpleType name="AllowanceNumber"><xs:restriction base="xs:string">
    <xs:minLength value="1"/><xs:maxLength value="16"/><xs:pattern value="[0-9A-Za-z]+"/></xs:restriction>
  </xs:simpleType>
"""

_G0401 = _ALLOWANCE_NUMBER + """
  <xs:element name="Allowance"><xs:complexType><xs:sequence>
    <xs:element name="Main"><xs:complexType><xs:sequence>
      <xs:element name="AllowanceNumber" type="AllowanceNumber"/>
      <xs:element name="AllowanceDate" type="Date"/>
      <xs:element name="Seller" type="Role"/>
      <xs:element name="Buyer" type="Role"/>
      <xs:element name="AllowanceType"><xs:simpleType><xs:restriction base="xs:string">
        <xs:enumeration value="1"/><xs:enumeration value="2"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element name="Attachment" type="xs:string" minOccurs="0"/>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="Details"><xs:complexType><xs:sequence>
      <xs:element name="ProductItem" minOccurs="1" maxOccurs="9999"><xs:complexType><xs:sequence>
        <xs:element name="OriginalInvoiceDate" type="Date"/>
        <xs:element name="OriginalInvoiceNumber" type="InvoiceNumber"/>
        <xs:element name="OriginalSequenceNumber" minOccurs="0"><xs:simpleType><xs:restriction base="xs:string">
          <xs:minLength value="1"/><xs:maxLength value="4"/></xs:restriction></xs:simpleType></xs:element>
        <xs:element name="OriginalDescription" type="Text500"/>
        <xs:element name="Quantity" type="Decimal"/>
        <xs:element name="Unit" type="xs:string"/>
        <xs:element name="UnitPrice" type="Decimal"/>
        <xs:element name="Amount" type="Decimal"/>
        <xs:element name="Tax" type="Money"/>
        <xs:element name="AllowanceSequenceNumber"><xs:simpleType><xs:restriction base="xs:string">
          <xs:minLength value="1"/><xs:maxLength value="4"/></xs:restriction></xs:simpleType></xs:element>
        <xs:element name="TaxType" type="TaxType"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="Amount"><xs:complexType><xs:sequence>
      <xs:element name="TaxAmount" type="Money"/>
      <xs:element name="TotalAmount" type="Money"/>
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
"""

_G0501 = _ALLOWANCE_NUMBER + """
  <xs:element name="CancelAllowance"><xs:complexType><xs:sequence>
    <xs:element name="CancelAllowanceNumber" type="AllowanceNumber"/>
    <xs:element name="AllowanceDate" type="Date"/>
    <xs:element name="BuyerId" type="Identifier"/>
    <xs:element name="SellerId" type="BAN"/>
    <xs:element name="CancelDate" type="Date"/>
    <xs:element name="CancelTime" type="Time"/>
    <xs:element name="CancelReason" type="Reason"/>
    <xs:element name="Remark" type="Text200" minOccurs="0"/>
  </xs:sequence></xs:complexType></xs:element>
"""

_INVOICE_NO8 = """
  <xs:simpleType name="No8"><xs:restriction base="xs:string">
    <xs:pattern value="[0-9]{8}"/></xs:restriction></xs:simpleType>
"""

_E0402 = _INVOICE_NO8 + """
  <xs:element name="BranchTrackBlank"><xs:complexType><xs:sequence>
    <xs:element name="Main"><xs:complexType><xs:sequence>
      <xs:element name="HeadBan" type="BAN"/>
      <xs:element name="BranchBan" type="BAN"/>
      <xs:element name="InvoiceType" type="InvoiceType"/>
      <xs:element name="YearMonth" type="YearMonth"/>
      <xs:element name="InvoiceTrack" type="Track"/>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="Details"><xs:complexType><xs:sequence>
      <xs:element name="BranchTrackBlankItem" minOccurs="1" maxOccurs="unbounded"><xs:complexType><xs:sequence>
        <xs:element name="InvoiceBeginNo" type="No8"/>
        <xs:element name="InvoiceEndNo" type="No8"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
"""

_BODIES = {"F0401": _ROLE + _F0401, "F0501": _F0501, "G0401": _ROLE + _G0401, "G0501": _G0501, "E0402": _E0402}


def schema_text(kind: str) -> str:
    """The XSD for one message kind, as text (tests and support can read it)."""
    ns = namespace(kind)
    return (f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{ns}" xmlns="{ns}" '
            f'elementFormDefault="qualified">{_TYPES}{_BODIES[kind]}</xs:schema>')


@functools.cache
def schema(kind: str) -> etree.XMLSchema:
    # Compiled once per process: compiling costs milliseconds, validating a message microseconds.
    return etree.XMLSchema(etree.fromstring(schema_text(kind).encode("utf-8")))


def problems(kind: str, document: etree._Element) -> str | None:
    """None when `document` is a valid `kind` message; else the first failure, line and reason, for the hold."""
    check = schema(kind)
    if check.validate(document):
        return None
    error = check.error_log.last_error  # type: ignore[attr-defined]  # in lxml, missing from lxml-stubs
    return f"line {error.line}: {error.message}" if error is not None else "does not match the MIG 4.1 schema"
