using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Agreements;

namespace ReverseMentoring.Tests.Agreements;

public sealed class AgreementTemplateTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Hr_words_the_programs_template_and_a_pairs_first_version_starts_from_it()
    {
        var pair = await app.PairAsync();
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{pair.ProgramId}/Agreement";

        var page = await client.GetHtmlAsync(url);
        var response = await client.PostFormAsync(url, new()
        {
            ["Data.GroundRules"] = "What is said here stays here.",
            ["Data.Cadence"] = "Monthly, one hour.",
            ["Data.Cancelling"] = "Two days ahead.",
        });
        await app.SendAsync(new SignAgreement.Command { PairId = pair.Id, Version = 1 }, pair.Mentor.As);

        Assert.Contains("aria-current=\"page\" href=\"/Programs/" + pair.ProgramId + "/Agreement\">Agreement</a>", page, StringComparison.Ordinal);
        Assert.Contains("What we say to each other stays between us.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var version = await app.ExecuteDbContextAsync(db => db.PairAgreementVersions.AsNoTracking()
            .SingleAsync(v => db.PairAgreements.Any(a => a.Id == v.AgreementId && a.PairId == pair.Id)));
        Assert.Equal(("What is said here stays here.", "Monthly, one hour.", "Two days ahead."), (version.GroundRules, version.Cadence, version.Cancelling));
    }

    [Fact]
    public async Task Empty_or_too_long_wording_is_refused_next_to_the_field_and_nothing_is_saved()
    {
        var program = await app.ProgramAsync(ProgramStatus.Running);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{program.Id}/Agreement";

        var response = await client.PostFormAsync(url, new()
        {
            ["Data.GroundRules"] = new string('x', AgreementTerms.GroundRulesMaxLength + 1),
            ["Data.Cadence"] = "",
            ["Data.Cancelling"] = "Two days ahead.",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("At most 4,000 characters; shorten them.", HttpClientForms.FieldError(html, "Data.GroundRules"));
        Assert.Equal("Say how often pairs meet.", HttpClientForms.FieldError(html, "Data.Cadence"));
        Assert.False(await app.ExecuteDbContextAsync(db => db.AgreementTemplates.AnyAsync(t => t.ProgramId == program.Id)));
    }

    [Fact]
    public async Task Participants_cannot_open_the_template()
    {
        var pair = await app.PairAsync();
        var client = await app.SignedInClientAsync(pair.Mentor.User);

        var response = await client.GetAsync(new Uri($"/Programs/{pair.ProgramId}/Agreement", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
