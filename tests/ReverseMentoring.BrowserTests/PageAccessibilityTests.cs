using System.Globalization;
using System.Text.RegularExpressions;
using ReverseMentoring.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace ReverseMentoring.BrowserTests;

/// <summary>Every page coordinators and participants work in opens with no serious or critical accessibility problem.</summary>
[Collection(BrowserAppGroup.Name)]
public sealed partial class PageAccessibilityTests(BrowserApp app)
{
    [Fact]
    public async Task The_coordinators_pages_are_accessible()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(page, DemoData.CoordinatorEmail, PageChecks.DemoPassword);
        await page.WaitForURLAsync("**/Coordinator");
        await page.GotoAsync("/Programs");
        await page.GetByRole(AriaRole.Link, new() { Name = DemoData.ProgramName }).ClickAsync();
        var programId = int.Parse(ProgramId().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);
        await page.GotoAsync($"/Programs/{programId}/Enrolments");
        await page.GetByRole(AriaRole.Link, new() { Name = DemoData.SeniorNames[0] }).ClickAsync();
        var enrolmentPath = new Uri(page.Url).AbsolutePath;

        // The running pilot has pairs, sessions and feedback whatever the other tests did first, so its lists are full.
        await page.GotoAsync("/Programs");
        await page.GetByRole(AriaRole.Link, new() { Name = DemoData.PilotName }).ClickAsync();
        var pilotId = int.Parse(ProgramId().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);

        // An ended pilot pair: its page carries the two-way learning record, with what each side applied at work.
        await page.GotoAsync("/Talent");
        await page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First.ClickAsync();
        var pilotPairPath = new Uri(page.Url).AbsolutePath;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What they applied at work after the pair" })).ToBeVisibleAsync();

        string[] paths =
        [
            "/Coordinator", "/Programs", $"/Programs/{programId}", $"/Programs/{programId}/Edit", "/Programs/Create",
            $"/Programs/{programId}/Enrolments", enrolmentPath, $"/Programs/{programId}/Enrolments/Import",
            $"/Programs/{programId}/Invitations", $"/Programs/{programId}/Resources", $"/Programs/{programId}/Pairing",
            "/Skills", "/Skills/Create", "/Dashboard", "/Account/ChangePassword",
            "/Coordinator/Alerts", "/Audit", "/Mail/Undelivered", $"/Programs/{programId}/Pairs", $"/Programs/{programId}/CheckIns",
            $"/Programs/{programId}/Report", $"/Programs/{programId}/Reliability", $"/Programs/{programId}/Emails",
            $"/Programs/{programId}/Emails/Invitation", $"/Programs/{programId}/Copy", $"/Programs/{programId}/Message",
            $"/Programs/{pilotId}/Pairs", $"/Programs/{pilotId}/Report", $"/Programs/{pilotId}/Reliability", $"/Programs/{pilotId}/Enrolments",
            $"/Programs/{pilotId}/CheckIns", $"/Audit?Data.ProgramId={pilotId}",
            $"/Programs/{pilotId}/CheckIns/Answers", $"/Programs/{pilotId}/CheckIns/Settings", $"/Programs/{pilotId}/GrowthAreas",
            "/Talent", "/Dashboard/MonthlySummary", pilotPairPath,
            $"/Programs/{programId}/Chat", "/OrgChart", "/OrgChart/Upload", "/Provisioning/Tokens",
            $"/Programs/{programId}/Requests",
            $"/Programs/{pilotId}/Knowledge", $"/Knowledge/Offer?programId={pilotId}",
        ];
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Ok, $"{path} answered {response?.Status}.");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveCountAsync(1);
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);
        }

        // On a phone, no page of HR's scrolls sideways: wide tables scroll within themselves.
        await page.SetViewportSizeAsync(390, 800);
        var wide = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 390)
            {
                wide.Add($"{path} ({width} px)");
            }
        }

        Assert.True(wide.Count == 0, $"Wider than a 390 px phone: {string.Join(", ", wide)}");
        await page.GotoAsync("/Coordinator");
        await PageChecks.ScreenshotAsync(page, "coordinator-home-phone");
        await page.SetViewportSizeAsync(1280, 800);

        await PageChecks.ScreenshotAsync(page, "coordinator-change-password");
    }

    [Fact]
    public async Task The_participants_pages_are_accessible()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(page, DemoData.MenteeEmail(10), PageChecks.DemoPassword);
        await page.WaitForURLAsync("**/Participant");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = DemoData.ProgramName, Exact = true }).First.ClickAsync();
        var programId = int.Parse(ProgramId().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);
        await page.GotoAsync("/Participant");
        await page.GetByRole(AriaRole.Link, new() { Name = DemoData.OpenProgramName, Exact = true }).First.ClickAsync();
        var openProgramId = int.Parse(ProgramId().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);

        string[] paths =
        [
            $"/Participant/Programs/{programId}", $"/Participant/Programs/{programId}/Resources", $"/Participant/Programs/{programId}/Withdraw", $"/Participant/Programs/{programId}/RankPartners",
            $"/Participant/Programs/{openProgramId}", $"/Participant/Programs/{openProgramId}/Enrol",
            "/Participant/Calendar", "/Account/ReminderChat", "/Participant/Knowledge",
            $"/Participant/Programs/{programId}/Mentors", $"/Participant/Programs/{programId}/Requests", $"/Participant/Programs/{programId}/Places",
        ];
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Ok, $"{path} answered {response?.Status}.");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveCountAsync(1);
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);
        }

        await PageChecks.ScreenshotAsync(page, "participant-enrol-open-program");
    }

    [GeneratedRegex(@"/Programs/(\d+)")]
    private static partial Regex ProgramId();
}
