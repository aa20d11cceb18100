namespace CoSell.Domain.Tests.Validation;

public class IdsCountriesEmailTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("contoso-analytics")]
    [InlineData("a1-b2-c3")]
    [InlineData("12345678901234567890123456789012345678901234567890")]
    public void IdsIsValid_LowerCaseLettersDigitsHyphens3To50_IsTrue(string id)
    {
        Assert.True(Ids.IsValid(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("123456789012345678901234567890123456789012345678901")]
    [InlineData("Contoso")]
    [InlineData("contoso_analytics")]
    [InlineData("contoso analytics")]
    [InlineData("contoso.com")]
    [InlineData("contosö")]
    public void IdsIsValid_EmptyShortLongOrOtherCharacters_IsFalse(string? id)
    {
        Assert.False(Ids.IsValid(id));
    }

    [Fact]
    public void CountryCodes_All_HasEveryAssignedAlpha2Code()
    {
        Assert.Equal(249, CountryCodes.All.Count);
        Assert.All(CountryCodes.All, c => Assert.Matches("^[A-Z]{2}$", c));
    }

    [Theory]
    [InlineData("US")]
    [InlineData("DE")]
    [InlineData("AX")]
    [InlineData("SS")]
    [InlineData("ZW")]
    public void CountryCodesIsKnown_AssignedUpperCaseCode_IsTrue(string code)
    {
        Assert.True(CountryCodes.IsKnown(code));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("XX")]
    [InlineData("UK")]
    [InlineData("EU")]
    [InlineData("OOO")]
    [InlineData("DEU")]
    [InlineData("")]
    [InlineData(null)]
    public void CountryCodesIsKnown_LowerCaseUnassignedOrOoo_IsFalse(string? code)
    {
        Assert.False(CountryCodes.IsKnown(code));
    }

    [Fact]
    public void CountryCodesIsKnownForContact_Ooo_IsTrue()
    {
        Assert.True(CountryCodes.IsKnownForContact("OOO"));
        Assert.True(CountryCodes.IsKnownForContact("FR"));
        Assert.False(CountryCodes.IsKnownForContact("ooo"));
    }

    [Theory]
    [InlineData("ada@contoso.com")]
    [InlineData("ada.lovelace+cosell@sales.contoso.co.uk")]
    [InlineData("o'brien@contoso.ie")]
    public void EmailAddressesIsValid_PlainAddress_IsTrue(string address)
    {
        Assert.True(EmailAddresses.IsValid(address));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ada")]
    [InlineData("ada@")]
    [InlineData("@contoso.com")]
    [InlineData("ada@contoso")]
    [InlineData("ada@@contoso.com")]
    [InlineData("ada@contoso..com")]
    [InlineData("ada..b@contoso.com")]
    [InlineData(".ada@contoso.com")]
    [InlineData("ada lovelace@contoso.com")]
    [InlineData(" ada@contoso.com")]
    [InlineData("Ada <ada@contoso.com>")]
    [InlineData("ada@-contoso.com")]
    [InlineData("ada@contoso.c")]
    [InlineData("ada@contoso.123")]
    public void EmailAddressesIsValid_Malformed_IsFalse(string address)
    {
        Assert.False(EmailAddresses.IsValid(address));
    }
}
