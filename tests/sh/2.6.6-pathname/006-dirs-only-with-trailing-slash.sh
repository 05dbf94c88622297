mkdir dirA dirB; touch fileA
echo */
echo *A/
