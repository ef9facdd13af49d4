using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProgramSurveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Surveys_AppliedSurveyDays",
                table: "Programs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Surveys_EndOfPairSurvey",
                table: "Programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "Surveys_FirstMilestoneDay",
                table: "Programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "Surveys_MilestoneIntervalDays",
                table: "Programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 60);

            migrationBuilder.AddColumn<int>(
                name: "MilestoneDay",
                table: "CheckInQuestions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Survey",
                table: "CheckInQuestions",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Milestone");

            // Programs that existed keep the schedule they had (the old server defaults) and ask "applied?" 60 days after the
            // end, like new programs, once HR adds a question to that survey.
            migrationBuilder.Sql("UPDATE Programs SET Surveys_AppliedSurveyDays = 60");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Surveys_AppliedSurveyDays",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "Surveys_EndOfPairSurvey",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "Surveys_FirstMilestoneDay",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "Surveys_MilestoneIntervalDays",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "MilestoneDay",
                table: "CheckInQuestions");

            migrationBuilder.DropColumn(
                name: "Survey",
                table: "CheckInQuestions");
        }
    }
}
