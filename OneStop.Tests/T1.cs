public class T1 { [Fact] public void A() => Assert.True(1 == 1); }
