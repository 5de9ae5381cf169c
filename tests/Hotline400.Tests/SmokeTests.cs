namespace Hotline400.Tests;
