using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportingLineDepth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Matching_ReportingLineDepth",
                table: "Programs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Matching_SeparateDepartments",
                table: "Programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Existing programs keep the reach the rule always had: the manager and the manager's manager.
            migrationBuilder.Sql("UPDATE Programs SET Matching_ReportingLineDepth = 2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Matching_ReportingLineDepth",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "Matching_SeparateDepartments",
                table: "Programs");
        }
    }
}
