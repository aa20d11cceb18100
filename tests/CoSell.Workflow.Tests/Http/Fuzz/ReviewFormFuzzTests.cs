using CoSell.Workflow.Http;
using CsCheck;

namespace CoSell.Workflow.Tests.Http.Fuzz;

/// <summary>Generated decision forms POSTed on a valid review link: none may decide, record or raise anything.</summary>
[Collection(FuzzSuite.Name)]
public sealed class ReviewFormFuzzTests
{
    private const int FormCases = 120;

    /// <summary>Decision values that are not exactly "approve" or "reject" once decoded (encoded letters would decode to a real decision).</summary>
    private static readonly string[] NotADecision =
        ["", "Approve", "APPROVE", "approve%20", "%20approve", "approved", "yes", "1", "true", "approve%00", "approve%0A", "%E2%80%8Bapprove", "appr", "rejected", "%ZZ", "%", "%C3%28", "approve%FF", "approve%2Creject"];

    private static readonly string[] BlankComments = ["", "comment=", "comment=+", "comment=%20%20", "comment=%0A%09", "comment=%0D"];

    private readonly FuzzApp _fuzz;

    public ReviewFormFuzzTests(FuzzApp fuzz) => _fuzz = fuzz;

    [Fact]
    public Task DecideReview_GeneratedBadForm_400PageAndNothingDecided()
    {
        Gen<string> comment = Gen.OneOf(Gen.OneOfConst(BlankComments), Gen.String[0, 40].Select(text => "comment=" + Uri.EscapeDataString(text)));
        Gen<string> forms = Gen.OneOf(
            Gen.Select(Gen.OneOfConst(NotADecision), comment, (d, c) => $"decision={d}&{c}"),
            Gen.OneOfConst(BlankComments).Select(c => $"decision=reject&{c}"),
            Gen.Select(Gen.OneOfConst("approve", "reject"), Gen.OneOfConst("approve", "reject"), (a, b) => $"decision={a}&decision={b}&comment=ok"),
            Gen.Int[FuzzApp.Limits.MaxCommentLength + 1, FuzzApp.Limits.MaxCommentLength + 3000].Select(n => "decision=approve&comment=" + new string('a', n)),
            Gen.OneOfConst("comment=hello", "&&&", "=", "decision", "decision&comment=x", "%64ecision=approve%00"));

        Gen<FuzzCase> cases = forms.Select(form => new FuzzCase(
            "form " + form[..Math.Min(form.Length, 80)],
            FuzzRequest.For(ApiRoutes.DecideReview, "/review/" + _fuzz.Token).WithBody(RouteRequests.FormType, form),
            Refusal.Page(400)));

        return _fuzz.RefusesAllAsync(cases, FormCases);
    }

    [Fact]
    public Task DecideReview_FormBytesThatAreNotUtf8_400PageAndNothingDecided()
    {
        Gen<FuzzCase> cases = Gen.OneOfConst<byte>(0xFF, 0xC0, 0x80, 0x93, 0xED).Select(bad => new FuzzCase(
            $"byte 0x{bad:X2} in the form",
            FuzzRequest.For(ApiRoutes.DecideReview, "/review/" + _fuzz.Token).WithBody(RouteRequests.FormType, NotUtf8.Encode("decision=approve&comment=ok" + NotUtf8.Marker, bad)),
            Refusal.Page(400)));

        return _fuzz.RefusesAllAsync(cases, 10);
    }
}
