ec\
ho cont\
inued
