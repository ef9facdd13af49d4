using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Tests.Programs;

/// <summary>HR starts a new program from a built-in template, or from a copy of an existing one.</summary>
public sealed class ProgramTemplateTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static ProgramTemplate DigitalSkills => Assert.Single(ProgramTemplates.All, t => t.Key == "digital-skills-6-months");

    [Fact]
    public async Task The_create_page_offers_the_templates_and_existing_programs()
    {
        var program = await app.ProgramAsync(ProgramStatus.Running);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var page = await client.GetStringAsync("/Programs/Create");

        Assert.Contains("value=\"template:digital-skills-6-months\"", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"program:{program.Id}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_fills_in_the_form_and_starts_a_program_with_its_topics_and_matching_rules()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var client = await app.SignedInClientAsync(hr.User);

        var page = await client.GetStringAsync("/Programs/Create?from=template:digital-skills-6-months");
        foreach (var (title, _) in DigitalSkills.Topics)
        {
            Assert.Contains(WebUtility.HtmlEncode(title), page, StringComparison.Ordinal);
        }

        var form = TestData.ProgramForm();
        DigitalSkills.FillIn(form, TestData.Today);
        form.Name = TestData.Unique("Digital skills");
        var id = await app.SendAsync(form, hr.As);

        var program = await app.ExecuteDbContextAsync(db => db.Programs.AsNoTracking().Include(p => p.Topics).SingleAsync(p => p.Id == id));
        Assert.Equal(ProgramStatus.Draft, program.Status);
        Assert.Equal(DigitalSkills.Topics.Select(t => t.Title), program.Topics.OrderBy(t => t.SortOrder).Select(t => t.Title));
        Assert.Equal((DigitalSkills.SessionCadenceDays, DigitalSkills.ExpectedSessions), (program.SessionCadenceDays, program.ExpectedSessions));
        Assert.Equal((DigitalSkills.Matching.SkillWeight, DigitalSkills.Matching.PreferCrossDepartment), (program.Matching.SkillWeight, program.Matching.PreferCrossDepartment));
        Assert.Equal(TestData.Today.AddMonths(1).AddMonths(6), program.EndsOn);
    }

    [Fact]
    public async Task Starting_from_a_program_goes_to_its_copy_form_and_an_unknown_template_is_not_found()
    {
        var program = await app.ProgramAsync(ProgramStatus.Closed);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var response = await client.GetAsync($"/Programs/Create?from=program:{program.Id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Programs/{program.Id}/Copy", response.Headers.Location?.ToString());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Programs/Create?from=template:nothing-like-it")).StatusCode);
    }
}
